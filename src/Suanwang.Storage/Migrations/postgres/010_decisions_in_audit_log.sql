-- Every recorded data-law decision is appended to the transparency log by the statement that
-- records it: the entry's bytes are the decision's canonical bytes, readable by its tenant.
CREATE FUNCTION policy_decisions_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_entries (kind, tenant, body) VALUES ('decision', NEW.tenant, convert_to(NEW.body, 'UTF8'));
    RETURN NULL;
END;
$$;

CREATE TRIGGER policy_decisions_audit AFTER INSERT ON policy_decisions
FOR EACH ROW EXECUTE FUNCTION policy_decisions_audit();
