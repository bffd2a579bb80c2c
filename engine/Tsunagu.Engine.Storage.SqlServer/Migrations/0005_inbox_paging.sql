-- The inbox pages by (created_at, id): candidate rows carry their task's creation time, so an institution's or a user's
-- tasks are read in that order straight from one index instead of sorting every match.
ALTER TABLE task_candidates ADD created_at datetimeoffset(7) NOT NULL CONSTRAINT df_task_candidates_created_at DEFAULT '0001-01-01T00:00:00+00:00';
GO
UPDATE c SET created_at = t.created_at FROM task_candidates c JOIN tasks t ON t.id = c.task_id;
CREATE INDEX ix_task_candidates_inbox ON task_candidates (kind, value, created_at, task_id);
DROP INDEX ix_tasks_assignee ON tasks;
CREATE INDEX ix_tasks_assignee ON tasks (assignee, created_at, id);
DROP INDEX ix_tasks_created ON tasks;
CREATE INDEX ix_tasks_created ON tasks (created_at, id);

-- The next due time reads the earliest free job from ix_jobs_due and the few leased ones from here, not every job row.
CREATE INDEX ix_jobs_leased ON jobs (lease_until) WHERE lease_until IS NOT NULL;
