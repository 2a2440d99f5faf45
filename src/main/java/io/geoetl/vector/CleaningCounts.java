package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;

/**
 * What cleaning did, step by step in the order it runs; one counter per step, counted in
 * features (a feature counts once per step however many of its parts the step changed).
 */
final class CleaningCounts {
    /** Features read from the source. */
    long featuresRead;
    /** 1. Features dropped because they had no geometry (null or empty). */
    long droppedNoGeometry;
    /** 2. Invalid geometries repaired with MakeValid. */
    long repaired;
    /** 2. Invalid geometries dropped: MakeValid left nothing of their dimension, or a coordinate was not a number. */
    long droppedInvalid;
    /** 3. Geometries whose Z and/or M values were dropped (keep_z=false). */
    long zmDropped;
    /** 4. Geometries split (or shifted) at the antimeridian. */
    long antimeridianSplit;
    /** 5. Single geometries promoted to their Multi* type. */
    long promotedToMulti;
    /** 6. Polygons whose ring orientation was normalised. */
    long windingNormalised;
    /** 7. GeometryCollections exploded into one Multi* geometry per family. */
    long collectionsExploded;
    /** 8. Date and timestamp values outside years 1..9999 (or not a calendar date) set to NULL. */
    long datesNulled;
    /** Rows written (one per feature and family). */
    long rowsWritten;

    void add(CleaningCounts other) {
        featuresRead += other.featuresRead;
        droppedNoGeometry += other.droppedNoGeometry;
        repaired += other.repaired;
        droppedInvalid += other.droppedInvalid;
        zmDropped += other.zmDropped;
        antimeridianSplit += other.antimeridianSplit;
        promotedToMulti += other.promotedToMulti;
        windingNormalised += other.windingNormalised;
        collectionsExploded += other.collectionsExploded;
        datesNulled += other.datesNulled;
        rowsWritten += other.rowsWritten;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("features_read", featuresRead);
        json.put("dropped_no_geometry", droppedNoGeometry);
        json.put("repaired_invalid", repaired);
        json.put("dropped_invalid", droppedInvalid);
        json.put("dropped_z_m", zmDropped);
        json.put("split_at_antimeridian", antimeridianSplit);
        json.put("promoted_to_multi", promotedToMulti);
        json.put("winding_normalised", windingNormalised);
        json.put("collections_exploded", collectionsExploded);
        json.put("dates_nulled", datesNulled);
        json.put("rows_written", rowsWritten);
        return json;
    }

    static CleaningCounts fromJson(JsonNode json) {
        CleaningCounts counts = new CleaningCounts();
        counts.featuresRead = json.path("features_read").asLong();
        counts.droppedNoGeometry = json.path("dropped_no_geometry").asLong();
        counts.repaired = json.path("repaired_invalid").asLong();
        counts.droppedInvalid = json.path("dropped_invalid").asLong();
        counts.zmDropped = json.path("dropped_z_m").asLong();
        counts.antimeridianSplit = json.path("split_at_antimeridian").asLong();
        counts.promotedToMulti = json.path("promoted_to_multi").asLong();
        counts.windingNormalised = json.path("winding_normalised").asLong();
        counts.collectionsExploded = json.path("collections_exploded").asLong();
        counts.datesNulled = json.path("dates_nulled").asLong();
        counts.rowsWritten = json.path("rows_written").asLong();
        return counts;
    }
}
