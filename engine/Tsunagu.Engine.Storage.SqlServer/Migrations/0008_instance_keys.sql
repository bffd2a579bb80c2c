-- The keys each instance is found by (EngineOptions.InstanceKeys; for cases, who may see them: ADR 0027), replaced
-- in the commit's transaction when they change and kept when the instance ends, so a search narrows its candidates
-- with one indexed query instead of reading their states.
CREATE TABLE instance_keys (
    instance_id  uniqueidentifier NOT NULL,
    process_key  nvarchar(400)    NOT NULL,
    business_key nvarchar(400)    NULL,
    value        nvarchar(400)    NOT NULL
);

CREATE INDEX ix_instance_keys_match ON instance_keys (process_key, business_key, value);
CREATE INDEX ix_instance_keys_instance ON instance_keys (instance_id);
