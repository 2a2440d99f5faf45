package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** job_id = SHA-256(job type + canonical JSON of the normalised parameters), 64 hex characters. */
public final class JobIds {
    private JobIds() {}

    public static String jobId(String jobType, JsonNode normalisedParameters) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(jobType.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(Json.canonical(normalisedParameters).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static String taskId(String jobId, int stage, int index) {
        return jobId + "-s" + stage + "-t" + index;
    }

    public static boolean isJobId(String text) {
        return text != null && text.matches("[0-9a-f]{64}");
    }
}
