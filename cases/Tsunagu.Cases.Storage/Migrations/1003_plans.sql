-- 支援プラン versions: one row per version, never updated except for the approval a 重層的支援会議 records.

CREATE TABLE support_plans (
    case_id      {id}   NOT NULL,
    version      {int}  NOT NULL,
    document     {doc}  NOT NULL,
    created_by   {id}   NOT NULL,
    created_at   {time} NOT NULL,
    approval     {doc}  NULL,
    PRIMARY KEY (case_id, version)
);
