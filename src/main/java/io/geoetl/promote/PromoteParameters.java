package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.Trigger;
import io.geoetl.store.TableName;
import java.util.Set;
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
    private static final Pattern MODE = Pattern.compile("^(replace|append)$");
    private static final Pattern BACKEND = Pattern.compile("^(local|adf)$");
    /** An ingest job id, or fingerprint:<md5> (see PromotableTables.fingerprint). */
    static final Pattern VERSION = Pattern.compile("^([0-9a-f]{64}|fingerprint:[0-9a-f]{32})$");

    /**
     * Reads and checks the form of every parameter (source and target names, the target's schema
     * against {@code allowedSchemas}, mode, backend, verify, an optional source_version). Problems
     * are collected in {@code reader}; the caller adds what only the database knows and calls done().
     */
    static Tables read(ParameterReader reader, Set<String> allowedSchemas, String defaultBackend) {
        TableName source = TableName.parseOrNull(reader.requiredString("source", TABLE, TABLE_RULE));
        TableName target = TableName.parseOrNull(reader.requiredString("target", TABLE, TABLE_RULE));
        if (target != null && !allowedSchemas.contains(target.schema())) {
            reader.reject("target schema " + target.schema() + " is not one promotions may write to (geoetl.promote.allowed-target-schemas: "
                    + String.join(", ", allowedSchemas) + ")");
        }
        reader.string("mode", REPLACE, MODE, "must be replace or append");
        reader.string("backend", defaultBackend, BACKEND, "must be local or adf");
        reader.bool("verify", true);
        reader.string(SOURCE_VERSION, null, VERSION, "must be an ingest job id or fingerprint:<32 hex digits>");
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

    /** Whether an automatic trigger (the schedule) submitted the job, for the audit's "requested by". */
    static String requestedBy(JsonNode p) {
        return p.has(Trigger.PARAMETER) ? "schedule" : "api";
    }

    static ObjectNode withVersion(ObjectNode normalised, String version) {
        normalised.put(SOURCE_VERSION, version);
        return normalised;
    }
}
