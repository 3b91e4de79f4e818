-- The market: a double-entry ledger in minor units, orders, quotes, and the usage of each run.
-- Amounts are integers in the currency's minor unit; times are UTC text as in 001.

ALTER TABLE jobs ADD COLUMN price TEXT;
ALTER TABLE jobs ADD COLUMN price_currency TEXT;
ALTER TABLE jobs ADD COLUMN spot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN pinned_site TEXT;

-- A balance is the sum of the account's lines, kept here so a debit is checked against one row.
-- The CHECK is the last line of defence: the store finds enough money before it debits a
-- wallet or a hold, and the database refuses the write should it ever not.
CREATE TABLE accounts (
    id TEXT NOT NULL,
    currency TEXT NOT NULL,
    balance INTEGER NOT NULL,
    floor_zero INTEGER NOT NULL,
    PRIMARY KEY (id, currency),
    CHECK (floor_zero = 0 OR balance >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE postings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    tenant TEXT,
    order_id TEXT,
    memo TEXT NOT NULL,
    idempotency_key TEXT
) STRICT;

-- A key is unique per tenant; postings of no tenant (payouts) share the scope ''.
CREATE UNIQUE INDEX postings_idempotency ON postings (coalesce(tenant, ''), idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX postings_by_order ON postings (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE posting_lines (
    posting_id INTEGER NOT NULL REFERENCES postings (id),
    account TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (posting_id, account, currency)
) STRICT, WITHOUT ROWID;

CREATE INDEX posting_lines_by_account ON posting_lines (account, posting_id);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('job', 'block')),
    quote_id TEXT,
    job_id INTEGER REFERENCES jobs (id),
    currency TEXT NOT NULL,
    reserved INTEGER NOT NULL CHECK (reserved >= 0),
    charged INTEGER,
    state TEXT NOT NULL CHECK (state IN ('open', 'settled')),
    created_at TEXT NOT NULL,
    settled_at TEXT,
    CONSTRAINT orders_idempotency UNIQUE (tenant, idempotency_key)
) STRICT;

CREATE INDEX orders_by_tenant ON orders (tenant, created_at, id);
CREATE INDEX orders_by_time ON orders (created_at, id);
CREATE INDEX orders_open ON orders (created_at, id) WHERE state = 'open';

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    spec TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX quotes_by_expiry ON quotes (expires_at);

-- One row per run, written with the state change that ends it; the fence makes it one only.
-- Site, pool, cards and price are copied from the job, which forgets them on requeue.
CREATE TABLE usage (
    job_id INTEGER NOT NULL REFERENCES jobs (id),
    fence INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    site TEXT NOT NULL,
    pool INTEGER NOT NULL,
    cards INTEGER NOT NULL,
    accelerator_seconds REAL NOT NULL,
    price TEXT,
    price_currency TEXT,
    spot INTEGER NOT NULL,
    started_at TEXT,
    ended_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'preempted', 'cancelled', 'lost')),
    card_hours REAL,
    petaflop_hours REAL,
    kwh REAL,
    kg_co2 REAL,
    charge INTEGER,
    commission INTEGER,
    PRIMARY KEY (job_id, fence)
) STRICT, WITHOUT ROWID;

CREATE INDEX usage_by_time ON usage (ended_at);
CREATE INDEX usage_by_tenant ON usage (tenant, ended_at);
