-- The token gateway. A key may be held to jurisdictions (comma-separated ISO 3166-1 alpha-2
-- codes; NULL: anywhere) and to limits per minute and per month (NULL: none); spend is in minor
-- units of the base currency.
ALTER TABLE api_keys ADD COLUMN jurisdictions text;
ALTER TABLE api_keys ADD COLUMN requests_per_minute bigint;
ALTER TABLE api_keys ADD COLUMN tokens_per_minute bigint;
ALTER TABLE api_keys ADD COLUMN spend_per_month bigint;

-- The model endpoints a site publishes, as its agent last sent them (a JSON array), with the
-- site's country and owner taken from its registered spec.
CREATE TABLE site_models (
    site text PRIMARY KEY REFERENCES sites (id),
    country text NOT NULL,
    owner text NOT NULL,
    models text NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One row per gateway request. cost_nanos: the exact cost in 1e-9 of the base currency's major
-- unit; billed turns true when the row's cost has gone into a ledger posting (or the carry).
CREATE TABLE token_usage (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    tenant text NOT NULL,
    key_id text NOT NULL,
    model text NOT NULL,
    site text NOT NULL,
    owner text NOT NULL,
    prompt_tokens bigint NOT NULL,
    cached_tokens bigint NOT NULL,
    completion_tokens bigint NOT NULL,
    ttft_ms double precision NOT NULL,
    duration_ms double precision NOT NULL,
    outcome text NOT NULL,
    currency text NOT NULL,
    cost_nanos bigint NOT NULL CHECK (cost_nanos >= 0),
    billed boolean NOT NULL DEFAULT false
);
CREATE INDEX token_usage_unbilled ON token_usage (tenant) WHERE NOT billed;
CREATE INDEX token_usage_by_key ON token_usage (key_id, at);
CREATE INDEX token_usage_by_tenant ON token_usage (tenant, at);

-- What a tenant owes for a model at an owner's sites below the minor unit (or, when its wallet
-- ran short, beyond it): posted charges + carry = the sum of the exact costs billed.
CREATE TABLE token_carry (
    tenant text NOT NULL,
    model text NOT NULL,
    owner text NOT NULL,
    currency text NOT NULL,
    nanos bigint NOT NULL,
    PRIMARY KEY (tenant, model, owner, currency)
);

-- Requests per key per minute (minute: whole minutes since the Unix epoch), shared by replicas.
CREATE TABLE key_minutes (
    key_id text NOT NULL,
    minute bigint NOT NULL,
    requests bigint NOT NULL,
    PRIMARY KEY (key_id, minute)
);
