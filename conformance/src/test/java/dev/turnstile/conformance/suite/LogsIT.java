package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.crosscheck.LogEvent;
import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logs (docs/aws-behaviour.md §6): the access log has one JSON line per request with the template contract's fields — status,
 * {@code errorResponseType}, key id and principal — for a 200, a 401, a 403 and a 429; the writer's group has
 * {@code START}/{@code END}/{@code REPORT} lines for the invocation behind a 200.
 */
@ExtendWith(TurnstileStage.class)
class LogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern START = Pattern.compile("^START RequestId: (\\S+)");

    private static JsonNode accessLine(StageRun run, String extendedRequestId) {
        List<LogEvent> events = run.awaitEvents(run.profile().logGroups().access(),
                list -> find(list, extendedRequestId).isPresent());
        return find(events, extendedRequestId).orElseThrow(() ->
                new AssertionError("no access-log line for " + extendedRequestId));
    }

    private static Optional<JsonNode> find(List<LogEvent> events, String extendedRequestId) {
        for (LogEvent e : events) {
            try {
                JsonNode line = JSON.readTree(e.message());
                if (line != null && extendedRequestId.equals(line.path("extendedRequestId").asText())) {
                    return Optional.of(line);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("access-log line is not JSON: " + e.message(), ex);
            }
        }
        return Optional.empty();
    }

    private static void assertLine(TestReporter reporter, JsonNode line, String status, String errorType, String keyId,
                                   String principal) {
        reporter.publishEntry("expected", "status=" + status + " errorResponseType=" + errorType + " apiKeyId=" + keyId
                + " principalId=" + principal);
        reporter.publishEntry("observed", line.toString());
        assertThat(line.path("status").asText()).isEqualTo(status);
        assertThat(line.path("errorResponseType").asText()).isEqualTo(errorType);
        if (keyId != null) {
            assertThat(line.path("apiKeyId").asText()).isEqualTo(keyId);
        }
        if (principal != null) {
            assertThat(line.path("principalId").asText()).isEqualTo(principal);
        }
        assertThat(line.path("httpMethod").asText()).isEqualTo("POST");
        assertThat(line.path("resourcePath").asText()).isEqualTo("/items");
    }

    private static StageResponse post(StageRun run, ApiKeyInfo key, String token, String scenario) {
        StageRequest.Builder b = StageRequest.to("POST", "/items").apiKey(key).json("{\"logs\":true}").scenario(scenario);
        return run.send(token == null ? b.build() : b.token(token).build());
    }

    @Test
    void acceptedRequestIsLoggedWithKeyAndPrincipal(StageRun run, TestReporter reporter) {
        ApiKeyInfo key = run.profile().key("-standard");
        StageResponse r = post(run, key, "allow", "log-200");
        assertThat(r.status()).isEqualTo(200);
        assertLine(reporter, accessLine(run, r.extendedRequestId()), "200", "-", key.id(), "user");
    }

    @Test
    void missingTokenIsLoggedAsUnauthorized(StageRun run, TestReporter reporter) {
        StageResponse r = post(run, run.profile().key("-standard"), null, "log-401");
        assertThat(r.status()).isEqualTo(401);
        assertLine(reporter, accessLine(run, r.extendedRequestId()), "401", "UNAUTHORIZED", null, "-");
    }

    @Test
    void explicitDenyIsLoggedAsAccessDenied(StageRun run, TestReporter reporter) {
        StageResponse r = post(run, run.profile().key("-standard"), "deny", "log-403");
        assertThat(r.status()).isEqualTo(403);
        assertLine(reporter, accessLine(run, r.extendedRequestId()), "403", "ACCESS_DENIED", null, null);
    }

    @Test
    void throttledRequestIsLoggedAsThrottled(StageRun run, TestReporter reporter) {
        assumeTrue(run.clock().available(), "provoking exactly one 429 needs the local stage clock");
        ApiKeyInfo key = run.profile().key("-small");
        String planId = run.profile().plan("-small").id();
        run.clients().apiGateway().updateUsage(u -> u.usagePlanId(planId).keyId(key.id()).patchOperations(
                p -> p.op(software.amazon.awssdk.services.apigateway.model.Op.REPLACE).path("/remaining")
                        .value(Long.toString(run.profile().plan("-small").quota().limit()))));
        run.clock().advance(Duration.ofSeconds(60));
        run.clock().freeze(true);
        try {
            StageResponse r;
            int sent = 0;
            do {
                r = post(run, key, "allow", "log-429");
                sent++;
            } while (r.status() == 200 && sent <= run.profile().plan("-small").throttle().burstLimit());
            assertThat(r.status()).isEqualTo(429);
            assertLine(reporter, accessLine(run, r.extendedRequestId()), "429", "THROTTLED", key.id(), "user");
        } finally {
            run.clock().freeze(false);
        }
    }

    @Test
    void writerInvocationHasStartEndAndReport(StageRun run, TestReporter reporter) {
        String group = run.profile().functionLogGroup("WriterFunction");
        long before = StageRun.starts(run.events(group));
        StageResponse r = post(run, run.profile().key("-standard"), "allow", "log-writer");
        assertThat(r.status()).isEqualTo(200);
        List<LogEvent> events = run.awaitEvents(group, list -> {
            Optional<String> id = lastStartId(list, before);
            return id.isPresent() && list.stream().anyMatch(e -> e.message().startsWith("REPORT RequestId: " + id.get()));
        });
        String lambdaId = lastStartId(events, before).orElseThrow(() -> new AssertionError("no new START line in " + group));
        reporter.publishEntry("expected", "START, END, REPORT for one Lambda request id");
        reporter.publishEntry("observed", "Lambda request id " + lambdaId);
        assertThat(events).anyMatch(e -> e.message().startsWith("END RequestId: " + lambdaId));
        assertThat(events).anyMatch(e -> e.message().startsWith("REPORT RequestId: " + lambdaId)
                && e.message().contains("Duration: ") && e.message().contains("Billed Duration: "));
        if (run.profile().isLocal()) {
            assertThat(StageRun.starts(events)).as("one invocation for one request").isEqualTo(before + 1);
        }
    }

    /** The request id of the newest START line, if more START lines exist than {@code before}. */
    private static Optional<String> lastStartId(List<LogEvent> events, long before) {
        List<String> ids = events.stream().map(e -> START.matcher(e.message())).filter(Matcher::find)
                .map(m -> m.group(1)).toList();
        return ids.size() > before ? Optional.of(ids.get(ids.size() - 1)) : Optional.empty();
    }
}
