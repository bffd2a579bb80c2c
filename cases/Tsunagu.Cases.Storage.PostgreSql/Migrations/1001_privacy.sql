-- The domain's tables share the database (and schema_version) with the engine; their versions start at 1001.

CREATE TABLE accounts (
    id               text    NOT NULL PRIMARY KEY,
    name             text    NOT NULL,
    institution      text    NULL,
    roles            text[]  NOT NULL,
    area             text    NULL,
    password_hash    text    NULL,
    disabled         boolean NOT NULL,
    external_subject text    NULL UNIQUE
);

-- Keyed by the user name as typed, so unknown names lock like known ones.
CREATE TABLE sign_in_failures (
    user_name    text        NOT NULL PRIMARY KEY,
    count        integer     NOT NULL,
    first_at     timestamptz NOT NULL,
    locked_until timestamptz NULL
);

-- A meeting is one JSON document (members, acknowledgements, information requests); meeting_cases indexes its agenda.
CREATE TABLE meetings (
    id       text NOT NULL PRIMARY KEY,
    kind     text NOT NULL,
    date     date NOT NULL,
    document text NOT NULL
);

CREATE TABLE meeting_cases (
    meeting_id text NOT NULL,
    case_id    text NOT NULL,
    PRIMARY KEY (case_id, meeting_id)
);
