-- Reserved blocks: what a block order holds, written in the transaction that places the order.
-- A block holds its cards on one pool of one site for [starts_at, ends_at); times are UTC text as in 001,
-- fixed width, so they compare as text.
CREATE TABLE reservations (
    order_id TEXT PRIMARY KEY REFERENCES orders (id),
    tenant TEXT NOT NULL,
    site TEXT NOT NULL,
    pool INTEGER NOT NULL CHECK (pool >= 0),
    cards INTEGER NOT NULL CHECK (cards > 0),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;

-- The oversell check sums the blocks overlapping a period on one pool.
CREATE INDEX reservations_by_pool ON reservations (site, pool, starts_at);
-- The scheduler reads the blocks in force each pass.
CREATE INDEX reservations_by_end ON reservations (ends_at);
