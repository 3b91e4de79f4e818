-- Tenants, keys, jobs with their events and logs, and sites. Times are UTC text,
-- yyyy-MM-ddTHH:mm:ss.ffffffZ, so they sort and read as they are.

CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    weight REAL NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    tenant TEXT NOT NULL REFERENCES tenants (id),
    admin INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX api_keys_by_tenant ON api_keys (tenant);

-- AUTOINCREMENT: an id is never handed out twice, so paging cursors and fences stay valid.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant TEXT NOT NULL,
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'placed', 'running', 'succeeded', 'failed', 'cancelled', 'preempted')),
    priority INTEGER NOT NULL,
    site TEXT,
    pool INTEGER,
    nodes TEXT,
    cards_per_node INTEGER NOT NULL DEFAULT 0,
    fence INTEGER NOT NULL DEFAULT 0,
    submitted_at TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    exit_code INTEGER,
    accelerator_seconds REAL NOT NULL DEFAULT 0,
    reason TEXT
) STRICT;

CREATE INDEX jobs_by_tenant ON jobs (tenant, id);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE INDEX jobs_by_site ON jobs (site, id) WHERE site IS NOT NULL;
CREATE INDEX jobs_active ON jobs (id) WHERE state IN ('queued', 'placed', 'running', 'preempted');

CREATE TABLE job_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id INTEGER NOT NULL REFERENCES jobs (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL
) STRICT;

CREATE INDEX job_events_by_job ON job_events (job_id, id);

CREATE TABLE job_logs (
    job_id INTEGER NOT NULL REFERENCES jobs (id),
    byte_offset INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (job_id, byte_offset)
) STRICT, WITHOUT ROWID;

CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    spec TEXT NOT NULL,
    backend TEXT NOT NULL,
    up INTEGER NOT NULL,
    draining INTEGER NOT NULL DEFAULT 0,
    last_heartbeat TEXT NOT NULL,
    agent_epoch INTEGER NOT NULL,
    down_at TEXT
) STRICT;
