-- The 相談受付台帳 the indicators are counted from (SQL, grouped; nothing is loaded case by case).
-- "window" is quoted: it is a reserved word in PostgreSQL.

CREATE TABLE case_register (
    case_id          text        NOT NULL PRIMARY KEY,
    "window"         text        NOT NULL,
    area             text        NULL,
    route            text        NULL,
    concerns         text        NOT NULL,
    intake_at        timestamptz NOT NULL,
    multi_agency_at  timestamptz NULL,
    ended            text        NULL,
    ended_at         timestamptz NULL
);

CREATE INDEX case_register_intake ON case_register (intake_at);

-- made at routing, then accepted or declined by the institution.
CREATE TABLE referral_events (
    case_id      text        NOT NULL,
    institution  text        NOT NULL,
    outcome      text        NOT NULL,
    at           timestamptz NOT NULL
);

CREATE INDEX referral_events_at ON referral_events (at);
CREATE INDEX referral_events_case ON referral_events (case_id);
