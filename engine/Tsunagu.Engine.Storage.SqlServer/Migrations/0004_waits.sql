-- Where the tokens of active instances stand, with the incident that stopped each (derived on every commit): the
-- process view counts them per node with one grouped query and lists incidents without loading states.
CREATE TABLE waits (
    instance_id      uniqueidentifier  NOT NULL,
    process_key      nvarchar(400)     NOT NULL,
    process_version  int               NOT NULL,
    business_key     nvarchar(400)     NULL,
    node_id          nvarchar(400)     NOT NULL,
    incident_id      nvarchar(400)     NULL,
    incident_message nvarchar(max)     NULL,
    incident_at      datetimeoffset(7) NULL
);

CREATE INDEX ix_waits_process ON waits (process_key, process_version, node_id);
CREATE INDEX ix_waits_instance ON waits (instance_id);
CREATE INDEX ix_waits_incident ON waits (incident_at) WHERE incident_id IS NOT NULL;
