-- The data-law engine's state: datasets, the filings an admin records per tenant, the export
-- counters per exporter and calendar year, and every recorded decision (its canonical bytes in body).
CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL REFERENCES tenants (id),
    document TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX datasets_by_owner ON datasets (owner, id);

CREATE TABLE policy_filings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant TEXT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL,
    reference TEXT NOT NULL,
    filed_on TEXT NOT NULL,
    expires_on TEXT,
    recorded_at TEXT NOT NULL
) STRICT;

CREATE INDEX policy_filings_by_tenant ON policy_filings (tenant, id);

CREATE TABLE export_counters (
    tenant TEXT NOT NULL,
    year INTEGER NOT NULL,
    individuals INTEGER NOT NULL,
    sensitive INTEGER NOT NULL,
    PRIMARY KEY (tenant, year)
) STRICT;

CREATE TABLE policy_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    tenant TEXT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT NOT NULL,
    year INTEGER NOT NULL,
    counted_individuals INTEGER NOT NULL,
    counted_sensitive INTEGER NOT NULL,
    body TEXT NOT NULL
) STRICT;

CREATE INDEX policy_decisions_by_tenant ON policy_decisions (tenant, id);

-- A decision that consumes the counter adds to it in the same statement, so the two never part.
CREATE TRIGGER policy_decisions_count AFTER INSERT ON policy_decisions
WHEN NEW.counted_individuals > 0 OR NEW.counted_sensitive > 0
BEGIN
    INSERT INTO export_counters (tenant, year, individuals, sensitive)
    VALUES (NEW.tenant, NEW.year, NEW.counted_individuals, NEW.counted_sensitive)
    ON CONFLICT (tenant, year) DO UPDATE SET
        individuals = individuals + excluded.individuals,
        sensitive = sensitive + excluded.sensitive;
END;
