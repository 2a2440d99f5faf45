package io.geoetl.drop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.Trigger;
import io.geoetl.storage.BlobVersion;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw job parameters for a dropped blob: {@code container} and {@code blob_name} from the blob
 * itself; every metadata entry {@code geoetl_<parameter>} as {@code <parameter>}; and for the job
 * types listed in geoetl.blob-drop.table-name-job-types a {@code table_name} derived from the file
 * name unless the metadata gives one. Metadata values are read as JSON when they are a JSON literal
 * (true, 42, ["a","b"], "007" in quotes) and as text otherwise (EPSG:3857, roads). The job type
 * validates the result as it would an API request.
 */
public final class DropParameters {
    static final String METADATA_PREFIX = "geoetl_";
    private static final Pattern PARAMETER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern JSON_LITERAL = Pattern.compile("true|false|null|-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|\\[.*\\]|\\{.*\\}|\".*\"",
            Pattern.DOTALL);
    private static final Set<String> FROM_THE_BLOB = Set.of("container", "blob_name", Trigger.PARAMETER);
    private final Set<String> tableNameJobTypes;

    public DropParameters(Set<String> tableNameJobTypes) {
        this.tableNameJobTypes = Set.copyOf(tableNameJobTypes);
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
        if (tableNameJobTypes.contains(match.jobType()) && !parameters.has("table_name")) {
            parameters.put("table_name", TableNames.fromFileName(blob.blobName(), match.extension()));
        }
        return parameters;
    }

    private static JsonNode value(String key, String text, BlobVersion blob, JobTypeByExtension.Match match) {
        String trimmed = text == null ? "" : text.trim();
        if (!JSON_LITERAL.matcher(trimmed).matches()) return TextNode.valueOf(trimmed);
        try {
            return Json.MAPPER.readTree(trimmed);
        } catch (Exception e) {
            throw new RejectedDropException(match.jobType(), blob.path() + ": metadata " + key + " = " + trimmed
                    + " looks like JSON but does not parse; write plain text without brackets or quotes, or valid JSON");
        }
    }
}
