package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private final OrchestrationSettings defaults = new OrchestrationSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofSeconds(30), "test");

    @Test
    void theDelayDoublesFromThirtySecondsAndStopsAtTenMinutes() {
        assertThat(defaults.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retryDelay(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.retryDelay(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.retryDelay(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(defaults.retryDelay(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.retryDelay(60)).isEqualTo(Duration.ofMinutes(10));
    }
}
