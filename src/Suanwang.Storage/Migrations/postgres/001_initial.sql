-- Tenants, keys, jobs with their events and logs, and sites.

CREATE TABLE tenants (
    id text PRIMARY KEY,
    name text NOT NULL,
    weight double precision NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
    id text PRIMARY KEY,
    hash text NOT NULL UNIQUE,
    tenant text NOT NULL REFERENCES tenants (id),
    admin boolean NOT NULL,
    created_at timestamptz NOT NULL,
    revoked boolean NOT NULL DEFAULT false
);

CREATE INDEX api_keys_by_tenant ON api_keys (tenant);

CREATE TABLE jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant text NOT NULL,
    name text NOT NULL,
    spec text NOT NULL,
    state text NOT NULL CHECK (state IN ('queued', 'placed', 'running', 'succeeded', 'failed', 'cancelled', 'preempted')),
    priority integer NOT NULL,
    site text,
    pool integer,
    nodes text,
    cards_per_node integer NOT NULL DEFAULT 0,
    fence bigint NOT NULL DEFAULT 0,
    submitted_at timestamptz NOT NULL,
    started_at timestamptz,
    ended_at timestamptz,
    exit_code integer,
    accelerator_seconds double precision NOT NULL DEFAULT 0,
    reason text
);

CREATE INDEX jobs_by_tenant ON jobs (tenant, id);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE INDEX jobs_by_site ON jobs (site, id) WHERE site IS NOT NULL;
CREATE INDEX jobs_active ON jobs (id) WHERE state IN ('queued', 'placed', 'running', 'preempted');

CREATE TABLE job_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES jobs (id),
    at timestamptz NOT NULL,
    kind text NOT NULL,
    message text NOT NULL
);

CREATE INDEX job_events_by_job ON job_events (job_id, id);

CREATE TABLE job_logs (
    job_id bigint NOT NULL REFERENCES jobs (id),
    byte_offset bigint NOT NULL,
    text text NOT NULL,
    PRIMARY KEY (job_id, byte_offset)
);

CREATE TABLE sites (
    id text PRIMARY KEY,
    spec text NOT NULL,
    backend text NOT NULL,
    up boolean NOT NULL,
    draining boolean NOT NULL DEFAULT false,
    last_heartbeat timestamptz NOT NULL,
    agent_epoch bigint NOT NULL,
    down_at timestamptz
);
