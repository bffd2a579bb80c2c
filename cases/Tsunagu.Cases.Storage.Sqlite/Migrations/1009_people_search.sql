-- The person search (ADR 0024): people in カナ order, and a trigram table (FTS5) that finds the people whose keys
-- contain a text of three or more characters without reading every person. People are never changed or removed, so
-- an insert trigger keeps the table; the people there are filled in here.
CREATE INDEX people_kana ON people (kana_key, id);

CREATE VIRTUAL TABLE people_grams USING fts5(person_id UNINDEXED, kana_key, name_key, tokenize = 'trigram');

INSERT INTO people_grams (person_id, kana_key, name_key) SELECT id, kana_key, name_key FROM people;

CREATE TRIGGER people_grams_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_grams (person_id, kana_key, name_key) VALUES (new.id, new.kana_key, new.name_key);
END;
