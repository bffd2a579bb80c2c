-- The domain's tables share the database (and schema_version) with the engine; their versions start at 1001.
-- The same tables as SQLite's in SQL Server's types: indexed text as nvarchar(400), documents as nvarchar(max).

CREATE TABLE accounts (
    id               nvarchar(400) NOT NULL PRIMARY KEY,
    name             nvarchar(400) NOT NULL,
    institution      nvarchar(400) NULL,
    roles            nvarchar(max) NOT NULL,
    area             nvarchar(400) NULL,
    password_hash    nvarchar(max) NULL,
    disabled         bit           NOT NULL,
    external_subject nvarchar(400) NULL
);

-- Unique where set: a plain UNIQUE constraint would allow only one account without an external subject.
CREATE UNIQUE INDEX ux_accounts_external_subject ON accounts (external_subject) WHERE external_subject IS NOT NULL;

-- Keyed by the user name as typed, so unknown names lock like known ones.
CREATE TABLE sign_in_failures (
    user_name    nvarchar(400)     NOT NULL PRIMARY KEY,
    count        int               NOT NULL,
    first_at     datetimeoffset(7) NOT NULL,
    locked_until datetimeoffset(7) NULL
);

-- A meeting is one JSON document (members, acknowledgements, information requests); meeting_cases indexes its agenda.
CREATE TABLE meetings (
    id       nvarchar(400) NOT NULL PRIMARY KEY,
    kind     nvarchar(400) NOT NULL,
    date     date          NOT NULL,
    document nvarchar(max) NOT NULL
);

CREATE TABLE meeting_cases (
    meeting_id nvarchar(200) NOT NULL,
    case_id    nvarchar(200) NOT NULL,
    PRIMARY KEY (case_id, meeting_id)
);
