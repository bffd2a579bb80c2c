-- The audit trail: append-only, hash-chained (each hash covers the previous hash and the entry's own content).
CREATE TABLE audit_log (
    sequence      INTEGER NOT NULL PRIMARY KEY,
    at            TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    roles         TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    case_id       TEXT    NULL,
    meeting_id    TEXT    NULL,
    outcome       INTEGER NOT NULL,
    purpose       TEXT    NOT NULL,
    previous_hash TEXT    NOT NULL,
    hash          TEXT    NOT NULL
);

CREATE INDEX ix_audit_case ON audit_log (case_id, sequence);

-- Entries are never changed or removed through SQL; tampering outside SQLite is what the chain detects.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Stores keep the state opaque; the start time orders a business key's instances.
ALTER TABLE instances ADD COLUMN started_at TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_instances_business_key ON instances (business_key, process_key, started_at);
