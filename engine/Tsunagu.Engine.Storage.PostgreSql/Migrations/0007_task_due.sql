-- A user task's due date (tsunagu:due), so the inbox sorts and flags overdue work without loading instance states.
ALTER TABLE tasks ADD COLUMN due_at timestamptz NULL;
