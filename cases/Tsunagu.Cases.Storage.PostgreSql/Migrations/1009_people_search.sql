-- The person search (ADR 0024): people in カナ order per tenant, and trigram indexes (pg_trgm, a trusted extension the
-- database owner may create) that answer LIKE '%text%' for a text of three or more characters.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX people_kana ON people (tenant_id, kana_key, id);
CREATE INDEX people_kana_trgm ON people USING gin (kana_key gin_trgm_ops);
CREATE INDEX people_name_trgm ON people USING gin (name_key gin_trgm_ops);
