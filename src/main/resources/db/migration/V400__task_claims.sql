-- Routers claim due tasks in batches (FOR UPDATE SKIP LOCKED) instead of one queue message per task.
-- claim_failures counts claims of a task that threw (not its runs): after geoetl.worker.poison-after
-- the task fails with poison_message, so one broken task cannot block the claims of the others.
ALTER TABLE app.tasks ADD COLUMN claim_failures int NOT NULL DEFAULT 0;
-- the claim and the KEDA backlog query read waiting tasks in due order
CREATE INDEX tasks_claimable_idx ON app.tasks (next_attempt_at) WHERE status IN ('queued', 'retrying');
