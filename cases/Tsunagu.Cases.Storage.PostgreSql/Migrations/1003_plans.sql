-- 支援プラン versions: one row per version, never updated except for the approval a 重層的支援会議 records.

CREATE TABLE support_plans (
    case_id      text        NOT NULL,
    version      integer     NOT NULL,
    document     text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    approval     text        NULL,
    PRIMARY KEY (case_id, version)
);
