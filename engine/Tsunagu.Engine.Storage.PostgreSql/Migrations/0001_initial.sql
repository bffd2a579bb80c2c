-- The same tables as SQLite's 0001 in PostgreSQL's own types: uuid ids, timestamptz times, enums as their names.

CREATE TABLE deployments (
    id           text        NOT NULL PRIMARY KEY,
    process_key  text        NOT NULL,
    version      integer     NOT NULL,
    xml          text        NOT NULL,
    version_hash text        NOT NULL,
    name         text        NULL,
    deployed_at  timestamptz NOT NULL,
    UNIQUE (process_key, version)
);

-- The state is the source of truth; every other instance table is derived from it on each commit.
CREATE TABLE instances (
    id              uuid        NOT NULL PRIMARY KEY,
    process_key     text        NOT NULL,
    process_version integer     NOT NULL,
    status          text        NOT NULL,
    revision        integer     NOT NULL,
    business_key    text        NULL,
    state_json      text        NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX ix_instances_process ON instances (process_key, process_version);

-- Candidate lists are JSON arrays, kept in order; task_candidates makes filtering indexable.
CREATE TABLE tasks (
    id                     uuid        NOT NULL PRIMARY KEY,
    instance_id            uuid        NOT NULL,
    process_key            text        NOT NULL,
    node_id                text        NOT NULL,
    name                   text        NULL,
    form_ref               text        NULL,
    business_key           text        NULL,
    status                 text        NOT NULL,
    assignee               text        NULL,
    candidate_institutions text        NOT NULL,
    candidate_roles        text        NOT NULL,
    candidate_users        text        NOT NULL,
    assignment_reason      text        NULL,
    created_at             timestamptz NOT NULL
);

CREATE INDEX ix_tasks_instance ON tasks (instance_id);
CREATE INDEX ix_tasks_assignee ON tasks (assignee, created_at);
CREATE INDEX ix_tasks_created ON tasks (created_at);

CREATE TABLE task_candidates (
    task_id     uuid NOT NULL,
    instance_id uuid NOT NULL,
    kind        text NOT NULL,
    value       text NOT NULL,
    PRIMARY KEY (kind, value, task_id)
);

CREATE INDEX ix_task_candidates_instance ON task_candidates (instance_id);

CREATE TABLE jobs (
    instance_id uuid        NOT NULL,
    job_id      uuid        NOT NULL PRIMARY KEY,
    due_at      timestamptz NOT NULL
);

CREATE INDEX ix_jobs_due ON jobs (due_at);
CREATE INDEX ix_jobs_instance ON jobs (instance_id);

CREATE TABLE subscriptions (
    subscription_id uuid NOT NULL PRIMARY KEY,
    instance_id     uuid NOT NULL,
    kind            text NOT NULL,
    name            text NOT NULL,
    correlation_key text NULL
);

CREATE INDEX ix_subscriptions_match ON subscriptions (kind, name, correlation_key);
CREATE INDEX ix_subscriptions_instance ON subscriptions (instance_id);

CREATE TABLE history (
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id     uuid        NOT NULL,
    process_key     text        NOT NULL,
    process_version integer     NOT NULL,
    kind            text        NOT NULL,
    node_id         text        NULL,
    token_id        text        NULL,
    actor           text        NOT NULL,
    at              timestamptz NOT NULL,
    data_json       text        NULL
);

CREATE INDEX ix_history_instance ON history (instance_id, seq);
CREATE INDEX ix_history_definition ON history (process_key, process_version, seq);
