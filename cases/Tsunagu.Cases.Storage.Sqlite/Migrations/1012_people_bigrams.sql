-- Two-character texts in the person search (ADR 0027), which FTS5's trigrams cannot answer: each two-character gram
-- of a person's keys, in カナ order, so a search reads the page's people from one range of this table instead of
-- comparing every person. People are never changed or removed, so an insert trigger keeps it. A trigger may not use a
-- common table expression, so the positions of a key's grams come from a table of numbers (keys are at most 100
-- characters).
CREATE TABLE people_positions (i INTEGER NOT NULL PRIMARY KEY);
INSERT INTO people_positions (i) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n;

CREATE TABLE people_bigrams (
    gram      TEXT NOT NULL,
    kana_key  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (gram, kana_key, person_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO people_bigrams (gram, kana_key, person_id)
SELECT substr(k.value, n.i, 2), p.kana_key, p.id FROM people p, json_each(json_array(p.kana_key, p.name_key)) k JOIN people_positions n ON n.i < length(k.value);

CREATE TRIGGER people_bigrams_insert AFTER INSERT ON people BEGIN
    INSERT OR IGNORE INTO people_bigrams (gram, kana_key, person_id)
    SELECT substr(k.value, n.i, 2), new.kana_key, new.id FROM json_each(json_array(new.kana_key, new.name_key)) k JOIN people_positions n ON n.i < length(k.value);
END;
