-- Where the tokens of active instances stand, with the incident that stopped each (derived on every commit): the
-- process view counts them per node with one grouped query and lists incidents without loading states.
CREATE TABLE waits (
    instance_id      uuid        NOT NULL,
    process_key      text        NOT NULL,
    process_version  integer     NOT NULL,
    business_key     text        NULL,
    node_id          text        NOT NULL,
    incident_id      text        NULL,
    incident_message text        NULL,
    incident_at      timestamptz NULL
);

CREATE INDEX ix_waits_process ON waits (process_key, process_version, node_id);
CREATE INDEX ix_waits_instance ON waits (instance_id);
CREATE INDEX ix_waits_incident ON waits (incident_at) WHERE incident_id IS NOT NULL;
