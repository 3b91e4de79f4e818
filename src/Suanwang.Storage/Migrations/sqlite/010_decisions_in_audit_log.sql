-- Every recorded data-law decision is appended to the transparency log by the statement that
-- records it: the entry's bytes are the decision's canonical bytes, readable by its tenant.
CREATE TRIGGER policy_decisions_audit AFTER INSERT ON policy_decisions
FOR EACH ROW
BEGIN
    INSERT INTO audit_entries (kind, tenant, body) VALUES ('decision', NEW.tenant, CAST(NEW.body AS BLOB));
END;
