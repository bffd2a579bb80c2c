-- The contact and activity log (支援経過); kind and occurred_on are columns so indicators count them in SQL.

CREATE TABLE case_notes (
    id           {id}   NOT NULL PRIMARY KEY,
    case_id      {id}   NOT NULL,
    kind         {text} NOT NULL,
    occurred_on  {date} NOT NULL,
    document     {doc}  NOT NULL,
    recorded_by  {id}   NOT NULL,
    recorded_at  {time} NOT NULL
);

CREATE INDEX case_notes_case ON case_notes (case_id, recorded_at);
CREATE INDEX case_notes_kind ON case_notes (kind, occurred_on);
