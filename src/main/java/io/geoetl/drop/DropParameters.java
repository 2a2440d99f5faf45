package io.geoetl.drop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.Trigger;
import io.geoetl.storage.BlobVersion;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw job parameters for a dropped blob: {@code container} and {@code blob_name} from the blob
 * itself; every metadata entry {@code geoetl_<parameter>} as {@code <parameter>}; then the drop
 * defaults of its job type (geoetl.blob-drop.default-parameters, e.g. overwrite=true for
 * ingest_vector) for what the metadata does not give. Values are read as JSON when they are a JSON
 * literal (true, 42, ["a","b"], "007" in quotes) and as text otherwise (EPSG:3857, roads). The job
 * type validates the result as it would an API request and fills in its own defaults (such as
 * ingest_vector's table name from the file name).
 */
public final class DropParameters {
    static final String METADATA_PREFIX = "geoetl_";
    private static final Pattern PARAMETER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern JSON_LITERAL = Pattern.compile("true|false|null|-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|\\[.*\\]|\\{.*\\}|\".*\"",
            Pattern.DOTALL);
    private static final Set<String> FROM_THE_BLOB = Set.of("container", "blob_name", Trigger.PARAMETER);
    private static final Pattern JOB_TYPE = Pattern.compile("[a-z_][a-z0-9_]*");
    private final Map<String, Map<String, JsonNode>> defaults;

    private DropParameters(Map<String, Map<String, JsonNode>> defaults) {
        this.defaults = defaults;
    }

    /**
     * Parses geoetl.blob-drop.default-parameters: comma-separated {@code job_type:parameter=value}
     * entries (values read like metadata values, so they cannot hold a comma). A malformed entry is
     * a start-up error naming it.
     */
    public static DropParameters withDefaults(String table) {
        Map<String, Map<String, JsonNode>> defaults = new HashMap<>();
        for (String entry : table.split(",")) {
            if (entry.isBlank()) continue;
            int colon = entry.indexOf(':');
            int equals = entry.indexOf('=', colon + 1);
            String jobType = colon < 0 ? "" : entry.substring(0, colon).trim();
            String name = colon < 0 || equals < 0 ? "" : entry.substring(colon + 1, equals).trim();
            if (!JOB_TYPE.matcher(jobType).matches() || !PARAMETER.matcher(name).matches() || FROM_THE_BLOB.contains(name)) {
                throw new IllegalArgumentException("geoetl.blob-drop.default-parameters: entry \"" + entry.trim()
                        + "\" is not of the form job_type:parameter=value (e.g. ingest_vector:overwrite=true)");
            }
            JsonNode value = literal(entry.substring(equals + 1).trim());
            if (value == null) {
                throw new IllegalArgumentException("geoetl.blob-drop.default-parameters: the value of \"" + entry.trim()
                        + "\" looks like JSON but does not parse");
            }
            defaults.computeIfAbsent(jobType, type -> new LinkedHashMap<>()).put(name, value);
        }
        return new DropParameters(defaults);
    }

    public ObjectNode build(BlobVersion blob, JobTypeByExtension.Match match) {
        ObjectNode parameters = Json.object();
        parameters.put("container", blob.container());
        parameters.put("blob_name", blob.blobName());
        for (Map.Entry<String, String> entry : blob.metadata().entrySet()) {
            if (!entry.getKey().startsWith(METADATA_PREFIX)) continue;
            String name = entry.getKey().substring(METADATA_PREFIX.length());
            if (!PARAMETER.matcher(name).matches()) {
                throw new RejectedDropException(match.jobType(), blob.path() + ": metadata key " + entry.getKey()
                        + " does not name a parameter; use geoetl_<parameter>, e.g. geoetl_table_name");
            }
            if (FROM_THE_BLOB.contains(name)) {
                throw new RejectedDropException(match.jobType(), blob.path() + ": metadata key " + entry.getKey()
                        + " is not allowed: " + name + " comes from the blob itself");
            }
            parameters.set(name, value(entry.getKey(), entry.getValue(), blob, match));
        }
        defaults.getOrDefault(match.jobType(), Map.of()).forEach((name, value) -> {
            if (!parameters.has(name)) parameters.set(name, value.deepCopy());
        });
        return parameters;
    }

    private static JsonNode value(String key, String text, BlobVersion blob, JobTypeByExtension.Match match) {
        String trimmed = text == null ? "" : text.trim();
        JsonNode value = literal(trimmed);
        if (value == null) {
            throw new RejectedDropException(match.jobType(), blob.path() + ": metadata " + key + " = " + trimmed
                    + " looks like JSON but does not parse; write plain text without brackets or quotes, or valid JSON");
        }
        return value;
    }

    /** A JSON literal as JSON, any other text as text; null when it looks like JSON but does not parse. */
    private static JsonNode literal(String trimmed) {
        if (!JSON_LITERAL.matcher(trimmed).matches()) return TextNode.valueOf(trimmed);
        try {
            return Json.MAPPER.readTree(trimmed);
        } catch (Exception e) {
            return null;
        }
    }
}
