-- Promotion (job type promote_data): staging tables copied to the production database.
-- Both databases run the same migrations, so each side has both tables; the router whose own
-- database is staging writes app.promotions, the production side writes app.promotion_ledger.

-- One audit row per promote_data job, in the database of the router that ran it.
CREATE TABLE app.promotions (
    job_id          char(64)    PRIMARY KEY,
    backend         text        NOT NULL CHECK (backend IN ('local', 'adf')),
    mode            text        NOT NULL CHECK (mode IN ('replace', 'append')),
    source          text        NOT NULL,            -- schema.table in staging
    source_version  text        NOT NULL,            -- ingest job id, or fingerprint:<hash>
    target          text        NOT NULL,            -- schema.table in production
    adf_run_id      text,
    rows_read       bigint,
    rows_written    bigint,
    verification    jsonb,                           -- {verified, source: {rows, checksum}, target: {rows, checksum}}
    status          text        NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    error           text,
    requested_by    text        NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX promotions_list_idx ON app.promotions (started_at DESC, job_id);
CREATE INDEX promotions_target_idx ON app.promotions (target, started_at DESC);
CREATE INDEX promotions_source_idx ON app.promotions (source, started_at DESC);

-- In production: every promotion that wrote into a table, written in the same transaction as the
-- rows (append) or the swap (replace), so a retried promotion finds it and writes nothing twice.
CREATE TABLE app.promotion_ledger (
    job_id        char(64)    PRIMARY KEY,
    target        text        NOT NULL,
    mode          text        NOT NULL,
    rows_written  bigint      NOT NULL,
    checksum      text,
    written_at    timestamptz NOT NULL DEFAULT now()
);

-- What a scheduled run did for a configured pair when it did something: submitted a new job, refused
-- it (bad parameters), or skipped it (the previous promotion of the same target still running).
CREATE TABLE app.promotion_schedule_events (
    event_id      bigserial   PRIMARY KEY,
    source        text        NOT NULL,
    target        text        NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('submitted', 'skipped', 'refused')),
    job_id        char(64),
    blocking_job  char(64),
    reason        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promotion_schedule_events_target_idx ON app.promotion_schedule_events (target, event_id DESC);
