-- A statement page sums a tenant's or a provider's ledger lines, runs and token requests over a
-- period. Each ledger line now carries its posting's time and kind, so the line sums seek each
-- account's lines of a kind and currency in the period in one index instead of looking every
-- posting up (and sum them in the index's order, without sorting); runs and
-- token requests are summed from indexes that hold every column the sums read, ordered by the
-- day (the expression the sums group by) so they are summed in the index's order too.
ALTER TABLE posting_lines ADD COLUMN at TEXT;
ALTER TABLE posting_lines ADD COLUMN kind TEXT;
UPDATE posting_lines SET
    at = (SELECT p.at FROM postings p WHERE p.id = posting_lines.posting_id),
    kind = (SELECT p.kind FROM postings p WHERE p.id = posting_lines.posting_id);
CREATE INDEX posting_lines_by_account_time ON posting_lines (account, kind, currency, at, amount);
CREATE INDEX usage_sums_by_tenant ON usage (tenant, substr(ended_at, 1, 10), site, pool, ended_at, card_hours, accelerator_seconds, petaflop_hours, kwh, kg_co2, charge, commission);
CREATE INDEX token_usage_sums_by_tenant ON token_usage (tenant, substr(at, 1, 10), model, site, currency, at, prompt_tokens, cached_tokens, completion_tokens, cost_nanos);
