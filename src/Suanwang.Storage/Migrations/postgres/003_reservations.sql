-- Reserved blocks: what a block order holds, written in the transaction that places the order.
-- A block holds its cards on one pool of one site for [starts_at, ends_at).
CREATE TABLE reservations (
    order_id text COLLATE "C" PRIMARY KEY REFERENCES orders (id),
    tenant text NOT NULL,
    site text NOT NULL,
    pool integer NOT NULL CHECK (pool >= 0),
    cards integer NOT NULL CHECK (cards > 0),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    CHECK (ends_at > starts_at)
);

-- The oversell check sums the blocks overlapping a period on one pool.
CREATE INDEX reservations_by_pool ON reservations (site, pool, starts_at);
-- The scheduler reads the blocks in force each pass.
CREATE INDEX reservations_by_end ON reservations (ends_at);
