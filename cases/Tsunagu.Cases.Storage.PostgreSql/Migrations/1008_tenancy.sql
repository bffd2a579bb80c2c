-- The domain's tables under the engine's tenancy (its 0006, ADR 0019): a tenant column, row-level security, and the
-- keys that are names (account ids, user names, idempotency keys, case and meeting ids) unique per tenant.
SELECT tsunagu_tenant_table(t)
FROM unnest(ARRAY['accounts', 'sign_in_failures', 'meetings', 'meeting_cases', 'people', 'case_people', 'support_plans', 'case_notes',
    'notifications', 'case_register', 'referral_events', 'idempotency_keys']) AS t;

ALTER TABLE case_people DROP CONSTRAINT case_people_person_id_fkey;
ALTER TABLE accounts DROP CONSTRAINT accounts_pkey, ADD PRIMARY KEY (tenant_id, id);
DROP INDEX accounts_external_subject;
CREATE UNIQUE INDEX accounts_external_subject ON accounts (tenant_id, external_subject) WHERE external_subject IS NOT NULL;
ALTER TABLE sign_in_failures DROP CONSTRAINT sign_in_failures_pkey, ADD PRIMARY KEY (tenant_id, user_name);
ALTER TABLE meetings DROP CONSTRAINT meetings_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE meeting_cases DROP CONSTRAINT meeting_cases_pkey, ADD PRIMARY KEY (tenant_id, case_id, meeting_id);
ALTER TABLE people DROP CONSTRAINT people_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE case_people DROP CONSTRAINT case_people_pkey, ADD PRIMARY KEY (tenant_id, case_id),
    ADD FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id);
ALTER TABLE support_plans DROP CONSTRAINT support_plans_pkey, ADD PRIMARY KEY (tenant_id, case_id, version);
ALTER TABLE case_notes DROP CONSTRAINT case_notes_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE notifications DROP CONSTRAINT notifications_pkey, ADD PRIMARY KEY (tenant_id, id),
    DROP CONSTRAINT notifications_recipient_event_key_key, ADD UNIQUE (tenant_id, recipient, event_key);
ALTER TABLE case_register DROP CONSTRAINT case_register_pkey, ADD PRIMARY KEY (tenant_id, case_id);
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey, ADD PRIMARY KEY (tenant_id, user_id, "key");
