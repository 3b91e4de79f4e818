-- Provider keys: a key of role 'provider' reads one provider's (a site owner's) statement and
-- sites, named in "owner", and acts for no tenant.
ALTER TABLE api_keys ADD COLUMN owner text;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'tenant', 'agent', 'provider'));
ALTER TABLE api_keys DROP CONSTRAINT api_keys_agent_tenant;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_no_tenant CHECK ((role IN ('agent', 'provider')) = (tenant IS NULL));
ALTER TABLE api_keys ADD CONSTRAINT api_keys_provider_owner CHECK ((role = 'provider') = (owner IS NOT NULL));
CREATE INDEX api_keys_by_owner ON api_keys (owner);
