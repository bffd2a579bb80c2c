-- The person search (ADR 0024) reads people in カナ order and stops after its limit: a common name is found by walking
-- this index. SQLite and PostgreSQL replace this script with the same index plus a trigram index for substrings.
CREATE INDEX people_kana ON people (kana_key, id);
