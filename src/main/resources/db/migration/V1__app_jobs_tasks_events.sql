-- Job orchestration: jobs fan out into staged tasks; every transition is recorded in job_events.
CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA IF NOT EXISTS geo;
CREATE SCHEMA IF NOT EXISTS stac;

CREATE TABLE app.jobs (
    job_id        char(64)    PRIMARY KEY CHECK (job_id ~ '^[0-9a-f]{64}$'),
    job_type      text        NOT NULL,
    parameters    jsonb       NOT NULL,
    status        text        NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'completed_with_errors')),
    stage         int         NOT NULL DEFAULT 1,
    total_stages  int         NOT NULL,
    run           int         NOT NULL DEFAULT 1,   -- 1 + number of times a failed job was retried
    result        jsonb,
    error         jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
CREATE INDEX jobs_list_idx ON app.jobs (created_at DESC, job_id);
CREATE INDEX jobs_status_idx ON app.jobs (status, created_at DESC);
CREATE INDEX jobs_type_idx ON app.jobs (job_type, created_at DESC);

CREATE TABLE app.tasks (
    task_id          text        PRIMARY KEY,          -- <job_id>-s<stage>-t<index>
    job_id           char(64)    NOT NULL REFERENCES app.jobs (job_id) ON DELETE CASCADE,
    stage            int         NOT NULL,
    task_index       int         NOT NULL,
    task_type        text        NOT NULL,
    parameters       jsonb       NOT NULL DEFAULT '{}',
    status           text        NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'retrying', 'cancelled')),
    attempt          int         NOT NULL DEFAULT 0,   -- attempts started so far
    max_attempts     int         NOT NULL,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    claimed_by       text,
    heartbeat_at     timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    result           jsonb,
    error            jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, stage, task_index)
);
-- claiming and stage bookkeeping look tasks up by job and stage
CREATE INDEX tasks_job_stage_idx ON app.tasks (job_id, stage, status);
-- the janitor scans live tasks by state and time
CREATE INDEX tasks_live_idx ON app.tasks (status, heartbeat_at) WHERE status IN ('queued', 'processing', 'retrying');

CREATE TABLE app.job_events (
    event_id     bigserial   PRIMARY KEY,
    job_id       char(64)    NOT NULL REFERENCES app.jobs (job_id) ON DELETE CASCADE,
    task_id      text,
    from_status  text,
    to_status    text        NOT NULL,
    attempt      int,
    actor        text        NOT NULL,
    reason       text,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX job_events_job_idx ON app.job_events (job_id, event_id);
