package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobIdsTest {

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheJobId() {
        String a = JobIds.jobId("t", Json.parse("{\"b\": 1, \"a\": {\"y\": [1, 2], \"x\": \"s\"}}"));
        String b = JobIds.jobId("t", Json.parse("{\"a\":{\"x\":\"s\",\"y\":[1,2]},\"b\":1}"));
        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
    }

    @Test
    void theJobTypeAndEveryValueChangeTheJobId() {
        String base = JobIds.jobId("t", Json.parse("{\"a\": [1, 2]}"));
        assertThat(JobIds.jobId("u", Json.parse("{\"a\": [1, 2]}"))).isNotEqualTo(base);
        assertThat(JobIds.jobId("t", Json.parse("{\"a\": [2, 1]}"))).isNotEqualTo(base);
        assertThat(JobIds.jobId("t", Json.parse("{\"a\": [1, 2], \"b\": null}"))).isNotEqualTo(base);
    }

    @Test
    void theCanonicalFormIsSortedAndCompact() {
        assertThat(Json.canonical(Json.parse("{ \"z\": 1, \"a\": { \"d\": true, \"c\": null } }")))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":true},\"z\":1}");
    }
}
