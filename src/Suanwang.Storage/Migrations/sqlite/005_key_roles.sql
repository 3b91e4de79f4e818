-- Keys get a role: admin, tenant, or agent of one site. An agent key acts for no tenant, so
-- "tenant" may be NULL, which SQLite cannot change in place: the table is rebuilt. An admin key
-- stays an admin key; a key revoked before this kept no time of its revocation, so its issue time
-- stands in and it stays refused.
CREATE TABLE api_keys_005 (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'tenant', 'agent')),
    tenant TEXT REFERENCES tenants (id),
    site TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    CHECK ((role = 'agent') = (site IS NOT NULL)),
    CHECK ((role = 'agent') = (tenant IS NULL))
) STRICT;

INSERT INTO api_keys_005 (id, hash, role, tenant, site, created_at, expires_at, revoked_at)
SELECT id, hash, CASE WHEN admin <> 0 THEN 'admin' ELSE 'tenant' END, tenant, NULL, created_at, NULL,
       CASE WHEN revoked <> 0 THEN created_at END
FROM api_keys;

DROP TABLE api_keys;
ALTER TABLE api_keys_005 RENAME TO api_keys;
CREATE INDEX api_keys_by_tenant ON api_keys (tenant);
CREATE INDEX api_keys_by_site ON api_keys (site);
