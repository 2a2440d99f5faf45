package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How rows get from staging to production. Both stages must be safe to run again after a crash:
 * a rerun finds what an earlier attempt did (ledger row, recorded run) instead of doing it twice.
 */
interface PromotionBackend {

    /** Stage promote: moves the rows; the result carries rows_read and rows_written and whatever verify needs. */
    JsonNode promote(String jobId, PromoteParameters p);

    /** Stage verify: checks counts and checksums and publishes; the result carries "verification". Mismatch: BadInputException. */
    JsonNode verify(String jobId, PromoteParameters p, JsonNode promoted);
}
