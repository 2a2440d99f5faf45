package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.Trigger;
import io.geoetl.store.TableName;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The parameters of a promote_data job (README, section "promote_data"): checked for form by
 * {@link #read}, read back from a stored job by {@link #of}. Whether the source exists and which
 * version it is are questions for the staging database ({@link PromoteDataJobType#normalise}).
 */
record PromoteParameters(TableName source, TableName target, String mode, String backend, boolean verify, String sourceVersion) {
    static final String REPLACE = "replace";
    static final String APPEND = "append";
    static final String LOCAL = "local";
    static final String ADF = "adf";
    static final String SOURCE_VERSION = "source_version";
    private static final Pattern TABLE = Pattern.compile("^[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}$");
    private static final String TABLE_RULE = "must be schema.table, each part matching ^[a-z_][a-z0-9_]{0,62}$";
    /** An ingest job id, or fingerprint:<md5> (see PromotableTables.fingerprint). */
    static final Pattern VERSION = Pattern.compile("^([0-9a-f]{64}|fingerprint:[0-9a-f]{32})$");

    /** The declaration behind validation and GET /api/job-types; the default backend comes from geoetl.promote.backend. */
    static ParameterSchema schema(String defaultBackend) {
        return new ParameterSchema()
                .requiredString("source", "The staging table to promote, schema.table.", TABLE, TABLE_RULE)
                .requiredString("target", "The production table it becomes, schema.table (schema in geoetl.promote.allowed-target-schemas).",
                        TABLE, TABLE_RULE)
                .oneOf("mode", "replace: a new table swapped in atomically; append: added in one transaction, once per job.", REPLACE,
                        List.of(REPLACE, APPEND))
                .oneOf("backend", "local: streamed COPY between the two databases; adf: the Azure Data Factory pipeline.",
                        defaultBackend, List.of(LOCAL, ADF))
                .bool("verify", "Compare row counts and an order-independent checksum of the rows after copying.", true)
                .string(SOURCE_VERSION, "The source's version (default: the ingest job in its catalog row, or a fingerprint of the "
                        + "table): an unchanged source gives the same job.", null, VERSION,
                        "must be an ingest job id or fingerprint:<32 hex digits>");
    }

    /**
     * Reads and checks the form of every parameter (source and target names, the target's schema
     * against {@code allowedSchemas}, mode, backend, verify, an optional source_version). Problems
     * are collected in {@code reader}; the caller adds what only the database knows and calls done().
     */
    static Tables read(ParameterReader reader, Set<String> allowedSchemas) {
        TableName source = TableName.parseOrNull(reader.string("source"));
        TableName target = TableName.parseOrNull(reader.string("target"));
        if (target != null && !allowedSchemas.contains(target.schema())) {
            reader.reject("target schema " + target.schema() + " is not one promotions may write to (geoetl.promote.allowed-target-schemas: "
                    + String.join(", ", allowedSchemas) + ")");
        }
        reader.string("mode");
        reader.string("backend");
        reader.bool("verify");
        reader.string(SOURCE_VERSION);
        return new Tables(source, target);
    }

    /** The source and target as read (null where malformed). */
    record Tables(TableName source, TableName target) {}

    static PromoteParameters of(JsonNode p) {
        return new PromoteParameters(TableName.parse(p.get("source").asText()), TableName.parse(p.get("target").asText()),
                p.get("mode").asText(), p.get("backend").asText(), p.get("verify").asBoolean(), p.get(SOURCE_VERSION).asText());
    }

    boolean replace() {
        return REPLACE.equals(mode);
    }

    /**
     * Who asked, for the audit: {@code schedule:<name>} when a schedule's trigger submitted the job,
     * else {@code submitter} (the actor of the job's first event: api:&lt;key name or token subject&gt;).
     */
    static String requestedBy(JsonNode p, Supplier<String> submitter) {
        String schedule = p.path(Trigger.PARAMETER).path(PromotionSchedule.TRIGGER_KEY).textValue();
        if (schedule != null) return "schedule:" + schedule;
        String actor = submitter.get();
        return actor == null ? "unknown" : actor;
    }

    static ObjectNode withVersion(ObjectNode normalised, String version) {
        normalised.put(SOURCE_VERSION, version);
        return normalised;
    }
}
