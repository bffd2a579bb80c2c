-- The domain's tables share the database (and schema_version) with the engine; their versions start at 1001.
-- One script for every provider: {id} {text} {doc} {time} {date} {int} {bool} {list} are its column types (CaseStore).

CREATE TABLE accounts (
    id               {id}   NOT NULL PRIMARY KEY,
    name             {text} NOT NULL,
    institution      {text} NULL,
    roles            {list} NOT NULL,
    area             {text} NULL,
    password_hash    {doc}  NULL,
    disabled         {bool} NOT NULL,
    external_subject {text} NULL
);

-- Unique where set (SQL Server's UNIQUE would allow one account without an external subject only).
CREATE UNIQUE INDEX accounts_external_subject ON accounts (external_subject) WHERE external_subject IS NOT NULL;

-- Keyed by the user name as typed, so unknown names lock like known ones.
CREATE TABLE sign_in_failures (
    user_name    {id}   NOT NULL PRIMARY KEY,
    count        {int}  NOT NULL,
    first_at     {time} NOT NULL,
    locked_until {time} NULL
);

-- A meeting is one JSON document (members, acknowledgements, information requests); meeting_cases indexes its agenda.
CREATE TABLE meetings (
    id       {id}   NOT NULL PRIMARY KEY,
    kind     {text} NOT NULL,
    date     {date} NOT NULL,
    document {doc}  NOT NULL
);

CREATE TABLE meeting_cases (
    meeting_id {id} NOT NULL,
    case_id    {id} NOT NULL,
    PRIMARY KEY (case_id, meeting_id)
);
