package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.http.support.ApiException;
import io.geoetl.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** An outage is 503; a failing statement is a bug (500 with an error id the log also carries), not an outage. */
class ApiErrorsTranslationTest {

    @Test
    void aDatabaseThatCannotBeReachedIs503() {
        ApiException refused = ApiErrors.translate(new StoreException(new SQLException("Connection refused", "08001")));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("database_unavailable");

        ApiException poolTimeout = ApiErrors.translate(new StoreException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms")));
        assertThat(poolTimeout.status()).isEqualTo(503);
    }

    @Test
    void anSqlErrorIs500WithAnErrorId() {
        ApiException bug = ApiErrors.translate(new StoreException(new SQLException("column \"nope\" does not exist", "42703")));
        assertThat(bug.status()).isEqualTo(500);
        assertThat(bug.code()).isEqualTo("internal_error");
        String errorId = bug.details().get(ApiErrors.ERROR_ID).asText();
        assertThat(errorId).matches("[0-9a-f]{8}");
        assertThat(bug.getMessage()).contains("StoreException").contains(errorId);
    }

    @Test
    void everyInternalErrorGetsItsOwnId() {
        String first = ApiErrors.translate(new IllegalStateException("x")).details().get(ApiErrors.ERROR_ID).asText();
        String second = ApiErrors.translate(new IllegalStateException("x")).details().get(ApiErrors.ERROR_ID).asText();
        assertThat(first).isNotEqualTo(second);
    }
}
