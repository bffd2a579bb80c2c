-- The person search walks grams in カナ order (ADR 0027), as on PostgreSQL: each two- and three-character gram of a
-- person's keys with both keys, so a search reads one gram of its text, the middle one (the text itself when it has two)
-- in カナ order, compares the keys there and stops at the page's limit. It replaces the FTS5 trigram table of 1009,
-- which answered in no order, so a common name read every match, and knew no two-character text. People are never
-- changed or removed, so an insert trigger keeps the table. A trigger may not use a common table expression, so a
-- gram's positions come from a table of numbers (keys are at most 100 characters).
DROP TRIGGER people_grams_insert;
DROP TABLE people_grams;

CREATE TABLE people_positions (i INTEGER NOT NULL PRIMARY KEY);
INSERT INTO people_positions (i) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n;

CREATE TABLE people_grams (
    gram      TEXT NOT NULL,
    kana_key  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    name_key  TEXT NOT NULL,
    PRIMARY KEY (gram, kana_key, person_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO people_grams (gram, kana_key, person_id, name_key)
SELECT substr(k.value, n.i, g.value), p.kana_key, p.id, p.name_key
FROM people p, json_each(json_array(p.kana_key, p.name_key)) k, json_each('[2, 3]') g JOIN people_positions n ON n.i + g.value - 1 <= length(k.value);

CREATE TRIGGER people_grams_insert AFTER INSERT ON people BEGIN
    INSERT OR IGNORE INTO people_grams (gram, kana_key, person_id, name_key)
    SELECT substr(k.value, n.i, g.value), new.kana_key, new.id, new.name_key
    FROM json_each(json_array(new.kana_key, new.name_key)) k, json_each('[2, 3]') g JOIN people_positions n ON n.i + g.value - 1 <= length(k.value);
END;
