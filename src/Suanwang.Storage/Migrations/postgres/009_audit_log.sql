-- The transparency log. An entry is stored with its exact leaf bytes when it is appended; idx is
-- set when an integration (one at a time, under an advisory lock) takes it into the Merkle tree,
-- in the order integrations find entries committed.
CREATE TABLE audit_entries (
    seq bigserial PRIMARY KEY,
    idx bigint UNIQUE,
    kind text NOT NULL,
    tenant text,
    body bytea NOT NULL
);
CREATE INDEX audit_entries_pending ON audit_entries (seq) WHERE idx IS NULL;

-- The hash of every perfect subtree: node = level << 56 | index at that level (level 0: leaves).
CREATE TABLE audit_nodes (
    node bigint PRIMARY KEY,
    hash bytea NOT NULL
);

-- The latest signed checkpoint: one row, replaced by each integration.
CREATE TABLE audit_checkpoint (
    id integer PRIMARY KEY CHECK (id = 1),
    size bigint NOT NULL,
    root bytea NOT NULL,
    note text NOT NULL,
    at timestamptz NOT NULL
);

-- The checkpoint signing key (Ed25519 private key), created at first start.
CREATE TABLE audit_key (
    id integer PRIMARY KEY CHECK (id = 1),
    private_key bytea NOT NULL,
    created_at timestamptz NOT NULL
);
