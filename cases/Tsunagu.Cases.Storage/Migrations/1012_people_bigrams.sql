-- Two-character texts in the person search (ADR 0027): SQLite and PostgreSQL replace this script with a table of each
-- person's two-character grams; this provider keeps walking people_kana for them.
SELECT 1;
