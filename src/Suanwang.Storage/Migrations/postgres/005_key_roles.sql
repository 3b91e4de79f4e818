-- Keys get a role: admin, tenant, or agent of one site; an agent key acts for no tenant. An admin
-- key stays an admin key; a key revoked before this kept no time of its revocation, so its issue
-- time stands in and it stays refused.
ALTER TABLE api_keys ADD COLUMN role text NOT NULL DEFAULT 'tenant' CHECK (role IN ('admin', 'tenant', 'agent'));
ALTER TABLE api_keys ADD COLUMN site text;
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN revoked_at timestamptz;
UPDATE api_keys SET role = 'admin' WHERE admin;
UPDATE api_keys SET revoked_at = created_at WHERE revoked;
ALTER TABLE api_keys ALTER COLUMN role DROP DEFAULT;
ALTER TABLE api_keys ALTER COLUMN tenant DROP NOT NULL;
ALTER TABLE api_keys DROP COLUMN admin;
ALTER TABLE api_keys DROP COLUMN revoked;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_agent_site CHECK ((role = 'agent') = (site IS NOT NULL));
ALTER TABLE api_keys ADD CONSTRAINT api_keys_agent_tenant CHECK ((role = 'agent') = (tenant IS NULL));
CREATE INDEX api_keys_by_site ON api_keys (site);
