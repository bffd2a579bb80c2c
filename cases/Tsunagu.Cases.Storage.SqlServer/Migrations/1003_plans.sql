-- 支援プラン versions: one row per version, never updated except for the approval a 重層的支援会議 records.

CREATE TABLE support_plans (
    case_id      nvarchar(400)     NOT NULL,
    version      int               NOT NULL,
    document     nvarchar(max)     NOT NULL,
    created_by   nvarchar(400)     NOT NULL,
    created_at   datetimeoffset(7) NOT NULL,
    approval     nvarchar(max)     NULL,
    PRIMARY KEY (case_id, version)
);
