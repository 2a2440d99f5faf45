package io.geoetl.drop;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which job type a dropped file starts, by the end of its name: the table in
 * geoetl.blob-drop.job-types (".geojson:ingest_vector,.tif:process_raster,…"). Matching ignores
 * case, and the longest listed ending wins (".tar.gz" before ".gz").
 */
public final class JobTypeByExtension {
    private static final Pattern EXTENSION = Pattern.compile("\\.[a-z0-9][a-z0-9._-]*");
    private static final Pattern JOB_TYPE = Pattern.compile("[a-z_][a-z0-9_]*");
    private final Map<String, String> jobTypes;

    private JobTypeByExtension(Map<String, String> jobTypes) {
        this.jobTypes = jobTypes;
    }

    /** A file ending and the job type it starts. */
    public record Match(String extension, String jobType) {}

    /** Parses ".ext:job_type" entries separated by commas; a malformed entry is a start-up error naming it. */
    public static JobTypeByExtension parse(String table) {
        Map<String, String> jobTypes = new TreeMap<>();
        for (String entry : table.split(",")) {
            if (entry.isBlank()) continue;
            String[] parts = entry.trim().split(":", -1);
            String extension = parts[0].trim().toLowerCase(Locale.ROOT);
            if (parts.length != 2 || !EXTENSION.matcher(extension).matches() || !JOB_TYPE.matcher(parts[1].trim()).matches()) {
                throw new IllegalArgumentException("geoetl.blob-drop.job-types: entry \"" + entry.trim()
                        + "\" is not of the form .extension:job_type (e.g. .geojson:ingest_vector)");
            }
            if (jobTypes.put(extension, parts[1].trim()) != null) {
                throw new IllegalArgumentException("geoetl.blob-drop.job-types: " + extension + " is listed twice");
            }
        }
        return new JobTypeByExtension(jobTypes);
    }

    /** The job type for a blob name (only its last path segment counts), if its ending is listed. */
    public Optional<Match> match(String blobName) {
        String fileName = fileName(blobName).toLowerCase(Locale.ROOT);
        Match best = null;
        for (Map.Entry<String, String> entry : jobTypes.entrySet()) {
            if (fileName.endsWith(entry.getKey()) && fileName.length() > entry.getKey().length()
                    && (best == null || entry.getKey().length() > best.extension().length())) {
                best = new Match(entry.getKey(), entry.getValue());
            }
        }
        return Optional.ofNullable(best);
    }

    /** The listed endings, sorted. */
    public Collection<String> extensions() {
        return jobTypes.keySet();
    }

    /** Every ending with its job type, sorted by ending. */
    public Map<String, String> table() {
        return Map.copyOf(jobTypes);
    }

    static String fileName(String blobName) {
        return blobName.substring(blobName.lastIndexOf('/') + 1);
    }

    /** ".xyz" for "dir/a.b.xyz", empty when the file name has no dot. */
    static String lastExtension(String blobName) {
        String fileName = fileName(blobName);
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }
}
