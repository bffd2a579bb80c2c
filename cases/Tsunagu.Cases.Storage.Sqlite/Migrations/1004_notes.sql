-- The contact and activity log (支援経過); kind and occurred_on are columns so indicators count them in SQL.

CREATE TABLE case_notes (
    id           TEXT NOT NULL PRIMARY KEY,
    case_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    occurred_on  TEXT NOT NULL,
    document     TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

CREATE INDEX case_notes_case ON case_notes (case_id, recorded_at);
CREATE INDEX case_notes_kind ON case_notes (kind, occurred_on);
