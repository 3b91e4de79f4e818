-- The data-law engine's state: datasets, the filings an admin records per tenant, the export
-- counters per exporter and calendar year, and every recorded decision (its canonical bytes in body).
CREATE TABLE datasets (
    id text PRIMARY KEY,
    owner text NOT NULL REFERENCES tenants (id),
    document text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX datasets_by_owner ON datasets (owner, id);

CREATE TABLE policy_filings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant text NOT NULL REFERENCES tenants (id),
    kind text NOT NULL,
    reference text NOT NULL,
    filed_on text NOT NULL,
    expires_on text,
    recorded_at timestamptz NOT NULL
);

CREATE INDEX policy_filings_by_tenant ON policy_filings (tenant, id);

CREATE TABLE export_counters (
    tenant text NOT NULL,
    year integer NOT NULL,
    individuals bigint NOT NULL,
    sensitive bigint NOT NULL,
    PRIMARY KEY (tenant, year)
);

CREATE TABLE policy_decisions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    tenant text NOT NULL,
    kind text NOT NULL,
    outcome text NOT NULL,
    year integer NOT NULL,
    counted_individuals bigint NOT NULL,
    counted_sensitive bigint NOT NULL,
    body text NOT NULL
);

CREATE INDEX policy_decisions_by_tenant ON policy_decisions (tenant, id);

-- A decision that consumes the counter adds to it in the same statement, so the two never part.
CREATE FUNCTION policy_decisions_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO export_counters (tenant, year, individuals, sensitive)
    VALUES (NEW.tenant, NEW.year, NEW.counted_individuals, NEW.counted_sensitive)
    ON CONFLICT (tenant, year) DO UPDATE SET
        individuals = export_counters.individuals + excluded.individuals,
        sensitive = export_counters.sensitive + excluded.sensitive;
    RETURN NULL;
END;
$$;

CREATE TRIGGER policy_decisions_count AFTER INSERT ON policy_decisions
FOR EACH ROW WHEN (NEW.counted_individuals > 0 OR NEW.counted_sensitive > 0)
EXECUTE FUNCTION policy_decisions_count();
