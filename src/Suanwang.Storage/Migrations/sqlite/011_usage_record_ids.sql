-- A gateway's usage journal gives each request's usage record an id of its own before the record
-- reaches the database; a replay of the journal after a crash inserts each id at most once.
-- Records written before this migration have none (NULL, which the unique index allows many of).
ALTER TABLE token_usage ADD COLUMN record_id TEXT;
CREATE UNIQUE INDEX token_usage_record_id ON token_usage (record_id);
