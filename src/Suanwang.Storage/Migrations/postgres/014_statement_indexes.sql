-- A statement page sums a tenant's or a provider's ledger lines, runs and token requests over a
-- period. Each ledger line now carries its posting's time and kind, so the line sums seek each
-- account's lines of a kind and currency in the period in one index instead of looking every
-- posting up (and sum them in the index's order, without sorting); runs and
-- token requests are summed from indexes that hold every column the sums read.
ALTER TABLE posting_lines ADD COLUMN at timestamptz, ADD COLUMN kind text;
UPDATE posting_lines l SET at = p.at, kind = p.kind FROM postings p WHERE p.id = l.posting_id;
CREATE INDEX posting_lines_by_account_time ON posting_lines (account, kind, currency, at) INCLUDE (amount);
CREATE INDEX usage_sums_by_tenant ON usage (tenant, ended_at) INCLUDE (site, pool, card_hours, accelerator_seconds, petaflop_hours, kwh, kg_co2, charge, commission);
CREATE INDEX token_usage_sums_by_tenant ON token_usage (tenant, at) INCLUDE (model, site, currency, prompt_tokens, cached_tokens, completion_tokens, cost_nanos);
