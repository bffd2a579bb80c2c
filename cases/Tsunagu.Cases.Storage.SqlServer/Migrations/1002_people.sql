-- People casework is about, and which person each case is about. Search reads the normalized keys (NameKey).

CREATE TABLE people (
    id          nvarchar(400)     NOT NULL PRIMARY KEY,
    name        nvarchar(400)     NOT NULL,
    kana        nvarchar(400)     NOT NULL,
    name_key    nvarchar(400)     NOT NULL,
    kana_key    nvarchar(400)     NOT NULL,
    birth_date  date              NULL,
    address     nvarchar(400)     NULL,
    area        nvarchar(400)     NULL,
    contact     nvarchar(400)     NULL,
    created_at  datetimeoffset(7) NOT NULL,
    created_by  nvarchar(400)     NOT NULL
);

CREATE INDEX people_birth_date ON people (birth_date);

-- One row per case: its person, the 相談経路 and the household (JSON) recorded at that intake.
CREATE TABLE case_people (
    case_id     nvarchar(400)     NOT NULL PRIMARY KEY,
    person_id   nvarchar(400)     NOT NULL REFERENCES people (id),
    route       nvarchar(400)     NULL,
    household   nvarchar(max)     NOT NULL,
    recorded_at datetimeoffset(7) NOT NULL
);

CREATE INDEX case_people_person ON case_people (person_id);
