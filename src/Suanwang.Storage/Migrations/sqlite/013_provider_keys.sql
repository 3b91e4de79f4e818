-- Provider keys: a key of role 'provider' reads one provider's (a site owner's) statement and
-- sites, named in "owner", and acts for no tenant. SQLite cannot change a CHECK in place, so the
-- table is rebuilt with every key as it was.
CREATE TABLE api_keys_013 (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'tenant', 'agent', 'provider')),
    tenant TEXT REFERENCES tenants (id),
    site TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    jurisdictions TEXT,
    requests_per_minute INTEGER,
    tokens_per_minute INTEGER,
    spend_per_month INTEGER,
    owner TEXT,
    CHECK ((role = 'agent') = (site IS NOT NULL)),
    CHECK ((role = 'provider') = (owner IS NOT NULL)),
    CHECK ((role IN ('agent', 'provider')) = (tenant IS NULL))
) STRICT;

INSERT INTO api_keys_013 (id, hash, role, tenant, site, created_at, expires_at, revoked_at, jurisdictions, requests_per_minute, tokens_per_minute, spend_per_month, owner)
SELECT id, hash, role, tenant, site, created_at, expires_at, revoked_at, jurisdictions, requests_per_minute, tokens_per_minute, spend_per_month, NULL
FROM api_keys;

DROP TABLE api_keys;
ALTER TABLE api_keys_013 RENAME TO api_keys;
CREATE INDEX api_keys_by_tenant ON api_keys (tenant);
CREATE INDEX api_keys_by_site ON api_keys (site);
CREATE INDEX api_keys_by_owner ON api_keys (owner);
