-- process_raster: one row per Cloud-Optimized GeoTIFF written to the silver container (one per
-- item and tier). Rewritten when the same item and tier are processed again.
CREATE TABLE app.cog_metadata (
    collection_id  text        NOT NULL,
    item_id        text        NOT NULL,
    tier           text        NOT NULL,            -- analysis | visualization | archive
    job_id         char(64)    NOT NULL,
    cog_container  text        NOT NULL,
    cog_blob       text        NOT NULL,
    size_bytes     bigint      NOT NULL,
    sha256         char(64)    NOT NULL,
    width          int         NOT NULL,
    height         int         NOT NULL,
    band_count     int         NOT NULL,
    crs            text        NOT NULL,            -- EPSG:n, or WKT2 where there is no EPSG code
    compression    text        NOT NULL,
    bands          jsonb       NOT NULL,            -- [{data_type, nodata, statistics}]
    source_blob    text        NOT NULL,            -- <container>/<blob_name>
    source_etag    text        NOT NULL,
    source_sha256  char(64)    NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection_id, item_id, tier)
);
CREATE INDEX cog_metadata_job_idx ON app.cog_metadata (job_id);
