-- Where the tokens of active instances stand, with the incident that stopped each (derived on every commit): the
-- process view counts them per node with one grouped query and lists incidents without loading states.
CREATE TABLE waits (
    instance_id      TEXT    NOT NULL,
    process_key      TEXT    NOT NULL,
    process_version  INTEGER NOT NULL,
    business_key     TEXT    NULL,
    node_id          TEXT    NOT NULL,
    incident_id      TEXT    NULL,
    incident_message TEXT    NULL,
    incident_at      TEXT    NULL
);

CREATE INDEX ix_waits_process ON waits (process_key, process_version, node_id);
CREATE INDEX ix_waits_instance ON waits (instance_id);
CREATE INDEX ix_waits_incident ON waits (incident_at) WHERE incident_id IS NOT NULL;
