-- The person search walks a gram table in カナ order (ADR 0027): SQLite and PostgreSQL replace this script with theirs;
-- this provider has no gram table and keeps walking people_kana.
SELECT 1;
