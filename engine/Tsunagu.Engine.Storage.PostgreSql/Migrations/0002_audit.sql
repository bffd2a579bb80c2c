-- The audit trail: append-only, hash-chained. "at" is the exact text the hash covers (timestamptz keeps only
-- microseconds, which would break the chain).
CREATE TABLE audit_log (
    sequence      bigint  NOT NULL PRIMARY KEY,
    at            text    NOT NULL,
    actor         text    NOT NULL,
    roles         text    NOT NULL,
    action        text    NOT NULL,
    case_id       text    NULL,
    meeting_id    text    NULL,
    outcome       integer NOT NULL,
    purpose       text    NOT NULL,
    previous_hash text    NOT NULL,
    hash          text    NOT NULL
);

CREATE INDEX ix_audit_case ON audit_log (case_id, sequence);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

ALTER TABLE instances ADD COLUMN started_at timestamptz NOT NULL DEFAULT '-infinity';
CREATE INDEX ix_instances_business_key ON instances (business_key, process_key, started_at);
