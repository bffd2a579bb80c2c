-- The audit trail: append-only, hash-chained; "at" is the exact text the hash covers.
CREATE TABLE audit_log (
    sequence      bigint        NOT NULL PRIMARY KEY,
    at            nvarchar(40)  NOT NULL,
    actor         nvarchar(400) NOT NULL,
    roles         nvarchar(400) NOT NULL,
    action        nvarchar(400) NOT NULL,
    case_id       nvarchar(400) NULL,
    meeting_id    nvarchar(400) NULL,
    outcome       int           NOT NULL,
    purpose       nvarchar(max) NOT NULL,
    previous_hash nvarchar(64)  NOT NULL,
    hash          nvarchar(64)  NOT NULL
);

CREATE INDEX ix_audit_case ON audit_log (case_id, sequence);
GO
CREATE TRIGGER audit_log_no_change ON audit_log INSTEAD OF UPDATE, DELETE AS
    THROW 51000, 'audit_log is append-only', 1;
GO
ALTER TABLE instances ADD started_at datetimeoffset(7) NOT NULL CONSTRAINT df_instances_started_at DEFAULT '0001-01-01T00:00:00Z';
GO
CREATE INDEX ix_instances_business_key ON instances (business_key, process_key, started_at);
