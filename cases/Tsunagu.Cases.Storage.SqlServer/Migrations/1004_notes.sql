-- The contact and activity log (支援経過); kind and occurred_on are columns so indicators count them in SQL.

CREATE TABLE case_notes (
    id           nvarchar(400)     NOT NULL PRIMARY KEY,
    case_id      nvarchar(400)     NOT NULL,
    kind         nvarchar(400)     NOT NULL,
    occurred_on  date              NOT NULL,
    document     nvarchar(max)     NOT NULL,
    recorded_by  nvarchar(400)     NOT NULL,
    recorded_at  datetimeoffset(7) NOT NULL
);

CREATE INDEX case_notes_case ON case_notes (case_id, recorded_at);
CREATE INDEX case_notes_kind ON case_notes (kind, occurred_on);
