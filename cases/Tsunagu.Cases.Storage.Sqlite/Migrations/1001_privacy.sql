-- The domain's tables share the database (and schema_version) with the engine; their versions start at 1001.

CREATE TABLE accounts (
    id               TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    institution      TEXT    NULL,
    roles            TEXT    NOT NULL,
    area             TEXT    NULL,
    password_hash    TEXT    NULL,
    disabled         INTEGER NOT NULL,
    external_subject TEXT    NULL UNIQUE
);

-- Keyed by the user name as typed, so unknown names lock like known ones.
CREATE TABLE sign_in_failures (
    user_name    TEXT    NOT NULL PRIMARY KEY,
    count        INTEGER NOT NULL,
    first_at     TEXT    NOT NULL,
    locked_until TEXT    NULL
);

-- A meeting is one JSON document (members, acknowledgements, information requests); meeting_cases indexes its agenda.
CREATE TABLE meetings (
    id         TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    document   TEXT NOT NULL
);

CREATE TABLE meeting_cases (
    meeting_id TEXT NOT NULL,
    case_id    TEXT NOT NULL,
    PRIMARY KEY (case_id, meeting_id)
);
