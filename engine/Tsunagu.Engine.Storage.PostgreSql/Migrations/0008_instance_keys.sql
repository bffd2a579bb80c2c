-- The keys each instance is found by (EngineOptions.InstanceKeys; for cases, who may see them: ADR 0027), replaced
-- in the commit's transaction when they change and kept when the instance ends, so a search narrows its candidates
-- with one indexed query instead of reading their states. Tenant rows and policy as every table (ADR 0019); the
-- match index leads with the tenant, which the policy compares on every read.
CREATE TABLE instance_keys (
    instance_id  uuid NOT NULL,
    process_key  text NOT NULL,
    business_key text NULL,
    value        text NOT NULL
);

SELECT tsunagu_tenant_table('instance_keys');

CREATE INDEX ix_instance_keys_match ON instance_keys (tenant_id, process_key, business_key, value);
CREATE INDEX ix_instance_keys_instance ON instance_keys (instance_id);
