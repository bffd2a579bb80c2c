-- The inbox pages by (created_at, id): candidate rows carry their task's creation time, so an institution's or a user's
-- tasks are read in that order straight from one index instead of sorting every match.
ALTER TABLE task_candidates ADD COLUMN created_at timestamptz NOT NULL DEFAULT '-infinity';
UPDATE task_candidates c SET created_at = t.created_at FROM tasks t WHERE t.id = c.task_id;
CREATE INDEX ix_task_candidates_inbox ON task_candidates (kind, value, created_at, task_id);
DROP INDEX ix_tasks_assignee;
CREATE INDEX ix_tasks_assignee ON tasks (assignee, created_at, id);
DROP INDEX ix_tasks_created;
CREATE INDEX ix_tasks_created ON tasks (created_at, id);

-- The next due time reads the earliest free job from ix_jobs_due and the few leased ones from here, not every job row.
CREATE INDEX ix_jobs_leased ON jobs (lease_until) WHERE lease_until IS NOT NULL;
