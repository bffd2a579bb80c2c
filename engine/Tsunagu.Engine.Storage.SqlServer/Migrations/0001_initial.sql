-- The same tables as SQLite's 0001 in SQL Server's types: uniqueidentifier ids, datetimeoffset(7) times (to the tick),
-- indexed text as nvarchar(400), documents as nvarchar(max).

CREATE TABLE deployments (
    id           nvarchar(64)      NOT NULL PRIMARY KEY,
    process_key  nvarchar(400)     NOT NULL,
    version      int               NOT NULL,
    xml          nvarchar(max)     NOT NULL,
    version_hash nvarchar(128)     NOT NULL,
    name         nvarchar(400)     NULL,
    deployed_at  datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_deployments_version UNIQUE (process_key, version)
);

CREATE TABLE instances (
    id              uniqueidentifier  NOT NULL PRIMARY KEY,
    process_key     nvarchar(400)     NOT NULL,
    process_version int               NOT NULL,
    status          nvarchar(32)      NOT NULL,
    revision        int               NOT NULL,
    business_key    nvarchar(400)     NULL,
    state_json      nvarchar(max)     NOT NULL,
    updated_at      datetimeoffset(7) NOT NULL
);

CREATE INDEX ix_instances_process ON instances (process_key, process_version);

CREATE TABLE tasks (
    id                     uniqueidentifier  NOT NULL PRIMARY KEY,
    instance_id            uniqueidentifier  NOT NULL,
    process_key            nvarchar(400)     NOT NULL,
    node_id                nvarchar(400)     NOT NULL,
    name                   nvarchar(400)     NULL,
    form_ref               nvarchar(400)     NULL,
    business_key           nvarchar(400)     NULL,
    status                 nvarchar(32)      NOT NULL,
    assignee               nvarchar(400)     NULL,
    candidate_institutions nvarchar(max)     NOT NULL,
    candidate_roles        nvarchar(max)     NOT NULL,
    candidate_users        nvarchar(max)     NOT NULL,
    assignment_reason      nvarchar(max)     NULL,
    created_at             datetimeoffset(7) NOT NULL
);

CREATE INDEX ix_tasks_instance ON tasks (instance_id);
CREATE INDEX ix_tasks_assignee ON tasks (assignee, created_at);
CREATE INDEX ix_tasks_created ON tasks (created_at);

CREATE TABLE task_candidates (
    task_id     uniqueidentifier NOT NULL,
    instance_id uniqueidentifier NOT NULL,
    kind        nvarchar(32)     NOT NULL,
    value       nvarchar(400)    NOT NULL,
    PRIMARY KEY (kind, value, task_id)
);

CREATE INDEX ix_task_candidates_instance ON task_candidates (instance_id);

CREATE TABLE jobs (
    instance_id uniqueidentifier  NOT NULL,
    job_id      uniqueidentifier  NOT NULL PRIMARY KEY,
    due_at      datetimeoffset(7) NOT NULL
);

CREATE INDEX ix_jobs_due ON jobs (due_at);
CREATE INDEX ix_jobs_instance ON jobs (instance_id);

CREATE TABLE subscriptions (
    subscription_id uniqueidentifier NOT NULL PRIMARY KEY,
    instance_id     uniqueidentifier NOT NULL,
    kind            nvarchar(32)     NOT NULL,
    name            nvarchar(400)    NOT NULL,
    correlation_key nvarchar(400)    NULL
);

CREATE INDEX ix_subscriptions_match ON subscriptions (kind, name, correlation_key);
CREATE INDEX ix_subscriptions_instance ON subscriptions (instance_id);

CREATE TABLE history (
    seq             bigint IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    instance_id     uniqueidentifier      NOT NULL,
    process_key     nvarchar(400)         NOT NULL,
    process_version int                   NOT NULL,
    kind            nvarchar(64)          NOT NULL,
    node_id         nvarchar(400)         NULL,
    token_id        nvarchar(400)         NULL,
    actor           nvarchar(400)         NOT NULL,
    at              datetimeoffset(7)     NOT NULL,
    data_json       nvarchar(max)         NULL
);

CREATE INDEX ix_history_instance ON history (instance_id, seq);
CREATE INDEX ix_history_definition ON history (process_key, process_version, seq);
