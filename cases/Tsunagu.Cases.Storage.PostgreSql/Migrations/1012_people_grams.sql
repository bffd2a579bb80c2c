-- Two-character texts in the person search (ADR 0027): people_grams also holds each two-character gram of a person's
-- keys, so a search walks that gram's rows in カナ order as it walks one trigram of a longer text, its middle one (a gram's length
-- tells the two apart). The owner lifts FORCE for the fill, inside this migration's transaction, as 1009 did.
ALTER TABLE people NO FORCE ROW LEVEL SECURITY;
ALTER TABLE people_grams NO FORCE ROW LEVEL SECURITY;
INSERT INTO people_grams (tenant_id, gram, kana_key, person_id, name_key)
SELECT DISTINCT p.tenant_id, substr(k.key, i, 2), p.kana_key, p.id, p.name_key
FROM people p CROSS JOIN LATERAL unnest(ARRAY[p.kana_key, p.name_key]) AS k(key) CROSS JOIN LATERAL generate_series(1, length(k.key) - 1) AS i;
ALTER TABLE people FORCE ROW LEVEL SECURITY;
ALTER TABLE people_grams FORCE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION tsunagu_people_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO people_grams (tenant_id, gram, kana_key, person_id, name_key)
    SELECT DISTINCT NEW.tenant_id, substr(k.key, i, n), NEW.kana_key, NEW.id, NEW.name_key
    FROM unnest(ARRAY[NEW.kana_key, NEW.name_key]) AS k(key) CROSS JOIN (VALUES (2), (3)) AS g(n)
        CROSS JOIN LATERAL generate_series(1, length(k.key) - n + 1) AS i;
    RETURN NULL;
END $$;
