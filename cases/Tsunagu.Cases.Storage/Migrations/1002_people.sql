-- People casework is about, and which person each case is about. Search reads the normalized keys (NameKey).

CREATE TABLE people (
    id          {id}   NOT NULL PRIMARY KEY,
    name        {text} NOT NULL,
    kana        {text} NOT NULL,
    name_key    {text} NOT NULL,
    kana_key    {text} NOT NULL,
    birth_date  {date} NULL,
    address     {text} NULL,
    area        {text} NULL,
    contact     {text} NULL,
    created_at  {time} NOT NULL,
    created_by  {id}   NOT NULL
);

CREATE INDEX people_birth_date ON people (birth_date);

-- One row per case: its person, the 相談経路 and the household (JSON) recorded at that intake.
CREATE TABLE case_people (
    case_id     {id}   NOT NULL PRIMARY KEY,
    person_id   {id}   NOT NULL REFERENCES people (id),
    route       {text} NULL,
    household   {doc}  NOT NULL,
    recorded_at {time} NOT NULL
);

CREATE INDEX case_people_person ON case_people (person_id);
