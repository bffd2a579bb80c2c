-- A meeting's revision, raised by every write (ADR 0025): a write based on an older revision changes nothing, so
-- concurrent changes to one meeting are re-applied on the current record instead of overwriting each other.
ALTER TABLE meetings ADD revision {int} NOT NULL DEFAULT 0;
