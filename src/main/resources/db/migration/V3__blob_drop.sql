-- Blob-drop ledger: every blob version (container, name, ETag) the blob-drop triggers have turned
-- into a job. The polling trigger re-lists the container on every poll and submits only versions
-- missing here, so a restart re-submits nothing and a new version (new ETag) is a new job.
-- No foreign key to app.jobs: removing a job's row must not make its blob look new again.
CREATE TABLE app.blob_drops (
    container     text        NOT NULL,
    blob_name     text        NOT NULL,
    etag          text        NOT NULL,
    job_id        char(64)    NOT NULL,
    trigger       text        NOT NULL CHECK (trigger IN ('poll', 'event', 'inbox')),
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (container, blob_name, etag)
);
CREATE INDEX blob_drops_job_idx ON app.blob_drops (job_id);
