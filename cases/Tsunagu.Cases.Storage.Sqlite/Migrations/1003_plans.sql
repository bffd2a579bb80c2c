-- 支援プラン versions: one row per version, never updated except for the approval a 重層的支援会議 records.

CREATE TABLE support_plans (
    case_id      TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    document     TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    approval     TEXT    NULL,
    PRIMARY KEY (case_id, version)
);
