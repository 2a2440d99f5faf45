-- Vector ingest (job type ingest_vector): the catalogue of published tables, the schema where an
-- ingest builds its tables before swapping them into place, and the bookkeeping of running ingests.
CREATE SCHEMA IF NOT EXISTS geo_staging;

-- One row per published vector table.
CREATE TABLE geo.table_catalog (
    schema_name    text        NOT NULL,
    table_name     text        NOT NULL,
    title          text        NOT NULL,
    source         text        NOT NULL,            -- <container>/<blob_name>
    source_etag    text,
    source_format  text        NOT NULL,            -- GDAL driver that read it
    source_layer   text,
    job_id         char(64)    NOT NULL,
    geometry_type  text        NOT NULL,            -- PostGIS type, e.g. MultiPolygon, MultiPointZ
    srid           int         NOT NULL,
    feature_count  bigint      NOT NULL,
    bbox           double precision[] CHECK (bbox IS NULL OR cardinality(bbox) = 4),  -- minx, miny, maxx, maxy in srid
    time_column    text,
    time_start     timestamptz,
    time_end       timestamptz,
    columns        jsonb       NOT NULL,            -- [{name, type, source}]
    cleaning       jsonb       NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name)
);
CREATE INDEX table_catalog_job_idx ON geo.table_catalog (job_id);

-- A running ingest: its plan (written by prepare) and its staging table in geo_staging. No foreign
-- key to app.jobs: a row whose job is gone is an orphan that the next prepare sweeps away.
CREATE TABLE app.vector_ingests (
    job_id         char(64)    PRIMARY KEY,
    staging_table  text        NOT NULL UNIQUE,
    plan           jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- The chunks copied into a staging table, so a rerun of a chunk knows it must delete its rows first.
CREATE TABLE app.vector_ingest_batches (
    job_id   char(64) NOT NULL REFERENCES app.vector_ingests (job_id) ON DELETE CASCADE,
    batch    int      NOT NULL,
    rows     bigint   NOT NULL,
    PRIMARY KEY (job_id, batch)
);
