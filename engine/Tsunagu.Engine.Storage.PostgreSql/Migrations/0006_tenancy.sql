-- Several municipalities in one database (ADR 0019): every row belongs to the tenant of the session that wrote it
-- (tsunagu.tenant, set per connection by the connection string), and row-level security lets a session see and write
-- its own tenant's rows only; a session without a tenant sees none and cannot write. FORCE: the tables' owner, which
-- the host connects as, is held to the policy too. Rows that exist already go to the migrating session's tenant.
CREATE FUNCTION tsunagu_tenant_table(name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %I ADD COLUMN tenant_id text NOT NULL DEFAULT current_setting(''tsunagu.tenant'', true)', name);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''tsunagu.tenant'', true)) '
        'WITH CHECK (tenant_id = current_setting(''tsunagu.tenant'', true))', name);
END $$;

SELECT tsunagu_tenant_table(t)
FROM unnest(ARRAY['deployments', 'instances', 'tasks', 'task_candidates', 'jobs', 'subscriptions', 'history', 'audit_log', 'waits']) AS t;

-- Keys that are names rather than Guids are unique per tenant: every municipality deploys case-path version 1, and
-- each has its own audit chain (sequence 1, 2, … per tenant).
ALTER TABLE deployments DROP CONSTRAINT deployments_process_key_version_key, ADD UNIQUE (tenant_id, process_key, version);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, ADD PRIMARY KEY (tenant_id, sequence);
