package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.http.StageResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.TestReporter;

/**
 * Exact assertions on a stage response that also publish {@code expected}/{@code observed} report entries, which the
 * {@link SummaryListener} turns into the summary table.
 */
public final class Expect {

    private Expect() {
    }

    /** Status, {@code x-amzn-ErrorType} (null = absent) and exact body bytes. */
    public static void response(TestReporter reporter, StageResponse response, int status, String errorType, String body) {
        reporter.publishEntry("expected", status + (errorType == null ? "" : " " + errorType) + " " + body);
        reporter.publishEntry("observed", response.describe());
        assertThat(response.status()).as("status of %s", response.describe()).isEqualTo(status);
        assertThat(response.errorType()).as("x-amzn-ErrorType of %s", response.describe()).isEqualTo(errorType);
        assertThat(response.body()).as("body of %s", response.describe())
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.requestId()).as("x-amzn-RequestId").isNotBlank();
    }

    /** Status only (with the error type), for answers whose body is the function's own. */
    public static void status(TestReporter reporter, StageResponse response, int status, String errorType) {
        reporter.publishEntry("expected", status + (errorType == null ? "" : " " + errorType));
        reporter.publishEntry("observed", response.describe());
        assertThat(response.status()).as("status of %s", response.describe()).isEqualTo(status);
        assertThat(response.errorType()).as("x-amzn-ErrorType of %s", response.describe()).isEqualTo(errorType);
    }

    /** Gateway error bodies of docs/aws-behaviour.md §1.2. */
    public static final String MISSING_TOKEN = "{\"message\":\"Missing Authentication Token\"}";
    public static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    public static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";
    public static final String EXPLICIT_DENY =
            "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}";
    public static final String AUTHORIZER_ERROR = "{\"message\":null}";
    public static final String TOO_MANY = "{\"message\":\"Too Many Requests\"}";
    public static final String LIMIT_EXCEEDED = "{\"message\":\"Limit Exceeded\"}";
}
