-- The person search (ADR 0024): people in カナ order per tenant, and a trigram table: each trigram of a person's keys
-- with both keys, in カナ order. A search walks the rows of its text's first trigram in that order, compares the keys
-- there and stops at its limit. Not pg_trgm: under row-level security PostgreSQL uses an index only for leakproof
-- operators, and LIKE is not one; equality on text is. People are never changed or removed, so an insert trigger keeps
-- the table. The owner lifts FORCE for the fill, inside this migration's transaction, to reach every tenant's people.
CREATE INDEX people_kana ON people (tenant_id, kana_key, id);

CREATE TABLE people_grams (
    gram      text NOT NULL,
    kana_key  text NOT NULL,
    person_id text NOT NULL,
    name_key  text NOT NULL
);

SELECT tsunagu_tenant_table('people_grams');

ALTER TABLE people NO FORCE ROW LEVEL SECURITY;
ALTER TABLE people_grams NO FORCE ROW LEVEL SECURITY;
INSERT INTO people_grams (tenant_id, gram, kana_key, person_id, name_key)
SELECT DISTINCT p.tenant_id, substr(k.key, i, 3), p.kana_key, p.id, p.name_key
FROM people p CROSS JOIN LATERAL unnest(ARRAY[p.kana_key, p.name_key]) AS k(key) CROSS JOIN LATERAL generate_series(1, length(k.key) - 2) AS i;
ALTER TABLE people FORCE ROW LEVEL SECURITY;
ALTER TABLE people_grams FORCE ROW LEVEL SECURITY;

ALTER TABLE people_grams ADD PRIMARY KEY (tenant_id, gram, kana_key, person_id) INCLUDE (name_key);

CREATE FUNCTION tsunagu_people_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO people_grams (tenant_id, gram, kana_key, person_id, name_key)
    SELECT DISTINCT NEW.tenant_id, substr(k.key, i, 3), NEW.kana_key, NEW.id, NEW.name_key
    FROM unnest(ARRAY[NEW.kana_key, NEW.name_key]) AS k(key) CROSS JOIN LATERAL generate_series(1, length(k.key) - 2) AS i;
    RETURN NULL;
END $$;

CREATE TRIGGER people_grams_insert AFTER INSERT ON people FOR EACH ROW EXECUTE FUNCTION tsunagu_people_grams();
