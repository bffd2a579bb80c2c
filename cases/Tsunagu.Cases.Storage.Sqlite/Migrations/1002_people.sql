-- People casework is about, and which person each case is about. Search reads the normalized keys (NameKey).

CREATE TABLE people (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    kana        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    kana_key    TEXT NOT NULL,
    birth_date  TEXT NULL,
    address     TEXT NULL,
    area        TEXT NULL,
    contact     TEXT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE INDEX people_birth_date ON people (birth_date);

-- One row per case: its person, the 相談経路 and the household (JSON) recorded at that intake.
CREATE TABLE case_people (
    case_id     TEXT NOT NULL PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id),
    route       TEXT NULL,
    household   TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX case_people_person ON case_people (person_id);
