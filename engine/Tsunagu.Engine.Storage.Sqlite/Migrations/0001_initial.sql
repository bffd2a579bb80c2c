-- Times are ISO 8601 UTC text of fixed width (yyyy-MM-ddTHH:mm:ss.fffffffZ), so text order is time order;
-- Guids are lower-case text; enums are their names.

CREATE TABLE deployments (
    id           TEXT    NOT NULL PRIMARY KEY,
    process_key  TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    xml          TEXT    NOT NULL,
    version_hash TEXT    NOT NULL,
    name         TEXT    NULL,
    deployed_at  TEXT    NOT NULL,
    UNIQUE (process_key, version)
);

-- The state is the source of truth; every other instance table is derived from it on each commit.
CREATE TABLE instances (
    id              TEXT    NOT NULL PRIMARY KEY,
    process_key     TEXT    NOT NULL,
    process_version INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    business_key    TEXT    NULL,
    state_json      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE INDEX ix_instances_process ON instances (process_key, process_version);

-- Candidate lists are kept as JSON arrays to read them back in order; task_candidates makes filtering indexable.
CREATE TABLE tasks (
    id                     TEXT NOT NULL PRIMARY KEY,
    instance_id            TEXT NOT NULL,
    process_key            TEXT NOT NULL,
    node_id                TEXT NOT NULL,
    name                   TEXT NULL,
    form_ref               TEXT NULL,
    business_key           TEXT NULL,
    status                 TEXT NOT NULL,
    assignee               TEXT NULL,
    candidate_institutions TEXT NOT NULL,
    candidate_roles        TEXT NOT NULL,
    candidate_users        TEXT NOT NULL,
    assignment_reason      TEXT NULL,
    created_at             TEXT NOT NULL
);

CREATE INDEX ix_tasks_instance ON tasks (instance_id);
CREATE INDEX ix_tasks_assignee ON tasks (assignee, created_at);
CREATE INDEX ix_tasks_created ON tasks (created_at);

CREATE TABLE task_candidates (
    task_id     TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (kind, value, task_id)
);

CREATE INDEX ix_task_candidates_instance ON task_candidates (instance_id);

CREATE TABLE jobs (
    instance_id TEXT NOT NULL,
    job_id      TEXT NOT NULL PRIMARY KEY,
    due_at      TEXT NOT NULL
);

CREATE INDEX ix_jobs_due ON jobs (due_at);
CREATE INDEX ix_jobs_instance ON jobs (instance_id);

CREATE TABLE subscriptions (
    subscription_id TEXT NOT NULL PRIMARY KEY,
    instance_id     TEXT NOT NULL,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    correlation_key TEXT NULL
);

CREATE INDEX ix_subscriptions_match ON subscriptions (kind, name, correlation_key);
CREATE INDEX ix_subscriptions_instance ON subscriptions (instance_id);

-- seq keeps the order in which events were written.
CREATE TABLE history (
    seq             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    instance_id     TEXT    NOT NULL,
    process_key     TEXT    NOT NULL,
    process_version INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    node_id         TEXT    NULL,
    token_id        TEXT    NULL,
    actor           TEXT    NOT NULL,
    at              TEXT    NOT NULL,
    data_json       TEXT    NULL
);

CREATE INDEX ix_history_instance ON history (instance_id, seq);
CREATE INDEX ix_history_definition ON history (process_key, process_version, seq);
