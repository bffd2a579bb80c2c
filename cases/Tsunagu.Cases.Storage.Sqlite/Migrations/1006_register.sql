-- The 相談受付台帳 the indicators are counted from (SQL, grouped; nothing is loaded case by case).

CREATE TABLE case_register (
    case_id          TEXT    NOT NULL PRIMARY KEY,
    window           TEXT    NOT NULL,
    area             TEXT    NULL,
    route            TEXT    NULL,
    concerns         TEXT    NOT NULL,
    intake_at        TEXT    NOT NULL,
    multi_agency_at  TEXT    NULL,
    ended            TEXT    NULL,
    ended_at         TEXT    NULL
);

CREATE INDEX case_register_intake ON case_register (intake_at);

-- made at routing, then accepted or declined by the institution.
CREATE TABLE referral_events (
    case_id      TEXT NOT NULL,
    institution  TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    at           TEXT NOT NULL
);

CREATE INDEX referral_events_at ON referral_events (at);
CREATE INDEX referral_events_case ON referral_events (case_id);
