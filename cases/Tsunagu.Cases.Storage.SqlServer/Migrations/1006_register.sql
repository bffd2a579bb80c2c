-- The 相談受付台帳 the indicators are counted from (SQL, grouped; nothing is loaded case by case).

CREATE TABLE case_register (
    case_id          nvarchar(400)     NOT NULL PRIMARY KEY,
    [window]         nvarchar(400)     NOT NULL,
    area             nvarchar(400)     NULL,
    route            nvarchar(400)     NULL,
    concerns         nvarchar(max)     NOT NULL,
    intake_at        datetimeoffset(7) NOT NULL,
    multi_agency_at  datetimeoffset(7) NULL,
    ended            nvarchar(400)     NULL,
    ended_at         datetimeoffset(7) NULL
);

CREATE INDEX case_register_intake ON case_register (intake_at);

-- made at routing, then accepted or declined by the institution.
CREATE TABLE referral_events (
    case_id      nvarchar(400)     NOT NULL,
    institution  nvarchar(400)     NOT NULL,
    outcome      nvarchar(400)     NOT NULL,
    at           datetimeoffset(7) NOT NULL
);

CREATE INDEX referral_events_at ON referral_events (at);
CREATE INDEX referral_events_case ON referral_events (case_id);
