-- The transparency log. An entry is stored with its exact leaf bytes when it is appended (seq:
-- commit order); idx is set when an integration takes it into the Merkle tree.
CREATE TABLE audit_entries (
    seq INTEGER PRIMARY KEY,
    idx INTEGER UNIQUE,
    kind TEXT NOT NULL,
    tenant TEXT,
    body BLOB NOT NULL
) STRICT;
CREATE INDEX audit_entries_pending ON audit_entries (seq) WHERE idx IS NULL;

-- The hash of every perfect subtree: node = level << 56 | index at that level (level 0: leaves).
CREATE TABLE audit_nodes (
    node INTEGER PRIMARY KEY,
    hash BLOB NOT NULL
) STRICT;

-- The latest signed checkpoint: one row, replaced by each integration.
CREATE TABLE audit_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL,
    root BLOB NOT NULL,
    note TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;

-- The checkpoint signing key (Ed25519 private key), created at first start.
CREATE TABLE audit_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
