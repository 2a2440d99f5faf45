-- One row per janitor sweep that took the lock (scheduled or asked for over HTTP): when, who asked,
-- on which router, how long it took and what it repaired (counts by kind). Written in the sweep's own
-- transaction, so a row is there exactly when the repairs are. Rows older than
-- geoetl.janitor.runs-kept are removed by later sweeps. Read by GET /api/dbadmin/janitor/runs.
CREATE TABLE app.janitor_runs (
    run_id        bigserial   PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz NOT NULL,
    actor         text        NOT NULL,
    worker        text        NOT NULL,
    action_count  int         NOT NULL,
    actions       jsonb       NOT NULL
);
CREATE INDEX janitor_runs_started_idx ON app.janitor_runs (started_at DESC);
