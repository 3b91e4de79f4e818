-- The market: a double-entry ledger in minor units, orders, quotes, and the usage of each run.
-- Amounts are bigint minor units of the currency. Names compare by code point (COLLATE "C"),
-- as in SQLite, so a prefix of account names is an index range.

ALTER TABLE jobs ADD COLUMN price text;
ALTER TABLE jobs ADD COLUMN price_currency text;
ALTER TABLE jobs ADD COLUMN spot boolean NOT NULL DEFAULT false;
ALTER TABLE jobs ADD COLUMN pinned_site text;

-- A balance is the sum of the account's lines, kept here so a debit is checked against one row.
-- The CHECK is the last line of defence: the store finds enough money before it debits a
-- wallet or a hold, and the database refuses the write should it ever not.
CREATE TABLE accounts (
    id text COLLATE "C" NOT NULL,
    currency text COLLATE "C" NOT NULL,
    balance bigint NOT NULL,
    floor_zero boolean NOT NULL,
    PRIMARY KEY (id, currency),
    CHECK (NOT floor_zero OR balance >= 0)
);

CREATE TABLE postings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    kind text NOT NULL,
    tenant text,
    order_id text COLLATE "C",
    memo text NOT NULL,
    idempotency_key text
);

-- A key is unique per tenant; postings of no tenant (payouts) share the scope ''.
CREATE UNIQUE INDEX postings_idempotency ON postings ((coalesce(tenant, '')), idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX postings_by_order ON postings (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE posting_lines (
    posting_id bigint NOT NULL REFERENCES postings (id),
    account text COLLATE "C" NOT NULL,
    currency text COLLATE "C" NOT NULL,
    amount bigint NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (posting_id, account, currency)
);

CREATE INDEX posting_lines_by_account ON posting_lines (account, posting_id);

CREATE TABLE orders (
    id text COLLATE "C" PRIMARY KEY,
    tenant text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('job', 'block')),
    quote_id text,
    job_id bigint REFERENCES jobs (id),
    currency text NOT NULL,
    reserved bigint NOT NULL CHECK (reserved >= 0),
    charged bigint,
    state text NOT NULL CHECK (state IN ('open', 'settled')),
    created_at timestamptz NOT NULL,
    settled_at timestamptz,
    CONSTRAINT orders_idempotency UNIQUE (tenant, idempotency_key)
);

CREATE INDEX orders_by_tenant ON orders (tenant, created_at, id);
CREATE INDEX orders_by_time ON orders (created_at, id);
CREATE INDEX orders_open ON orders (created_at, id) WHERE state = 'open';

CREATE TABLE quotes (
    id text PRIMARY KEY,
    tenant text NOT NULL,
    spec text NOT NULL,
    options text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX quotes_by_expiry ON quotes (expires_at);

-- One row per run, written with the state change that ends it; the fence makes it one only.
-- Site, pool, cards and price are copied from the job, which forgets them on requeue.
CREATE TABLE usage (
    job_id bigint NOT NULL REFERENCES jobs (id),
    fence bigint NOT NULL,
    tenant text NOT NULL,
    site text NOT NULL,
    pool integer NOT NULL,
    cards integer NOT NULL,
    accelerator_seconds double precision NOT NULL,
    price text,
    price_currency text,
    spot boolean NOT NULL,
    started_at timestamptz,
    ended_at timestamptz NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'preempted', 'cancelled', 'lost')),
    card_hours double precision,
    petaflop_hours double precision,
    kwh double precision,
    kg_co2 double precision,
    charge bigint,
    commission bigint,
    PRIMARY KEY (job_id, fence)
);

CREATE INDEX usage_by_time ON usage (ended_at);
CREATE INDEX usage_by_tenant ON usage (tenant, ended_at);
