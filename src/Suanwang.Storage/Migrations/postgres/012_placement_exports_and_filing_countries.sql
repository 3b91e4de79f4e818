-- A job placed at a site outside its datasets' country exports them: each job, dataset and
-- recipient country is counted once, by the statement that records the placement; a rerun at the
-- same country finds its row here and counts nothing again.
CREATE TABLE placement_exports (
    job_id bigint NOT NULL REFERENCES jobs (id),
    dataset text NOT NULL,
    country text NOT NULL,
    PRIMARY KEY (job_id, dataset, country)
);

-- The recipient countries a filing covers, as comma-separated ISO 3166-1 codes; NULL covers any
-- country, as every filing recorded before this migration does.
ALTER TABLE policy_filings ADD COLUMN countries text;
