-- The 相談受付台帳 the indicators are counted from (SQL, grouped; nothing is loaded case by case).
-- "window" is quoted: PostgreSQL reserves the word.

CREATE TABLE case_register (
    case_id          {id}   NOT NULL PRIMARY KEY,
    "window"         {text} NOT NULL,
    area             {text} NULL,
    route            {text} NULL,
    concerns         {doc}  NOT NULL,
    intake_at        {time} NOT NULL,
    multi_agency_at  {time} NULL,
    ended            {text} NULL,
    ended_at         {time} NULL
);

CREATE INDEX case_register_intake ON case_register (intake_at);

-- made at routing, then accepted or declined by the institution.
CREATE TABLE referral_events (
    case_id      {id}   NOT NULL,
    institution  {text} NOT NULL,
    outcome      {text} NOT NULL,
    at           {time} NOT NULL
);

CREATE INDEX referral_events_at ON referral_events (at);
CREATE INDEX referral_events_case ON referral_events (case_id);
