-- Abuse limits an admin sets per tenant; a tenant without a row has the documented defaults
-- (Suanwang.Storage.Tenants.TenantLimits.Default). max_cards NULL: no cap on concurrent cards.
CREATE TABLE tenant_limits (
    tenant text PRIMARY KEY REFERENCES tenants (id),
    requests_per_second integer NOT NULL,
    burst integer NOT NULL,
    max_queued_jobs integer NOT NULL,
    max_open_orders integer NOT NULL,
    max_cards integer,
    max_priority integer NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Counting a tenant's waiting jobs at admission reads only its active rows.
CREATE INDEX jobs_active_by_tenant ON jobs (tenant, state) WHERE state IN ('queued', 'preempted');
CREATE INDEX orders_open_by_tenant ON orders (tenant) WHERE state = 'open';
