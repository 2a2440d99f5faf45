-- The console's live job list (GET /api/jobs/events/stream) asks every second which jobs or tasks
-- changed since its last look: both tables are read by updated_at.
CREATE INDEX jobs_updated_idx ON app.jobs (updated_at);
CREATE INDEX tasks_updated_idx ON app.tasks (updated_at);
