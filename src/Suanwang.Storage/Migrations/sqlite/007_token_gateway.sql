-- The token gateway. A key may be held to jurisdictions (comma-separated ISO 3166-1 alpha-2
-- codes; NULL: anywhere) and to limits per minute and per month (NULL: none); spend is in minor
-- units of the base currency.
ALTER TABLE api_keys ADD COLUMN jurisdictions TEXT;
ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN tokens_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN spend_per_month INTEGER;

-- The model endpoints a site publishes, as its agent last sent them (a JSON array), with the
-- site's country and owner taken from its registered spec.
CREATE TABLE site_models (
    site TEXT PRIMARY KEY REFERENCES sites (id),
    country TEXT NOT NULL,
    owner TEXT NOT NULL,
    models TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- One row per gateway request. cost_nanos: the exact cost in 1e-9 of the base currency's major
-- unit; billed turns true when the row's cost has gone into a ledger posting (or the carry).
CREATE TABLE token_usage (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    tenant TEXT NOT NULL,
    key_id TEXT NOT NULL,
    model TEXT NOT NULL,
    site TEXT NOT NULL,
    owner TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    ttft_ms REAL NOT NULL,
    duration_ms REAL NOT NULL,
    outcome TEXT NOT NULL,
    currency TEXT NOT NULL,
    cost_nanos INTEGER NOT NULL CHECK (cost_nanos >= 0),
    billed INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX token_usage_unbilled ON token_usage (tenant) WHERE NOT billed;
CREATE INDEX token_usage_by_key ON token_usage (key_id, at);
CREATE INDEX token_usage_by_tenant ON token_usage (tenant, at);

-- What a tenant owes for a model at an owner's sites below the minor unit (or, when its wallet
-- ran short, beyond it): posted charges + carry = the sum of the exact costs billed.
CREATE TABLE token_carry (
    tenant TEXT NOT NULL,
    model TEXT NOT NULL,
    owner TEXT NOT NULL,
    currency TEXT NOT NULL,
    nanos INTEGER NOT NULL,
    PRIMARY KEY (tenant, model, owner, currency)
) STRICT;

-- Requests per key per minute (minute: whole minutes since the Unix epoch), shared by replicas.
CREATE TABLE key_minutes (
    key_id TEXT NOT NULL,
    minute INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (key_id, minute)
) STRICT;
