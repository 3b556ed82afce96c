package dev.turnstile.localstage.it;

import static dev.turnstile.localstage.it.ItStages.await;
import static dev.turnstile.localstage.it.ItStages.events;
import static dev.turnstile.localstage.it.ItStages.post;
import static dev.turnstile.localstage.it.ItStages.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.stage.profile.StageProfile;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * The Lambda proxy failure paths on a real local stage (real RIC environments, real dynalite) built from
 * {@code it/failures-template.yaml}: status, {@code x-amzn-ErrorType} and body bytes of each gateway response, the
 * execution-log error line, the access-log status and, for the timeout, Lambda's own {@code Task timed out} line.
 */
class IntegrationFailuresIT {

    /** Integration-phase errors carry a space after the colon (36 bytes). */
    private static final String INTERNAL_ERROR_BODY = "{\"message\": \"Internal server error\"}";

    @TempDir
    static Path work;
    private static LocalStage stage;
    private static StageProfile profile;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() {
        stage = ItStages.startFromResource(work, "/it/failures-template.yaml", "template",
                dir -> TestFunctionJar.write(dir.resolve("functions.jar")));
        profile = stage.profile();
        logs = ItStages.logs(profile);
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void functionTimeoutIs502AndLambdaLogsTaskTimedOut() {
        HttpResponse<String> response = post(profile, "/timeout", Map.of(), "{}");

        assertInternalError(response, 502);
        String rid = requestId(response);
        List<FilteredLogEvent> timedOut = await("Task timed out in /aws/lambda/it-timeout",
                () -> events(logs, "/aws/lambda/it-timeout", "\"Task timed out after\""), e -> !e.isEmpty());
        assertThat(timedOut).hasSize(1);
        String[] parts = timedOut.get(0).message().split(" ", 3);
        String lambdaRequestId = parts[1];
        assertThat(parts[2]).isEqualTo("Task timed out after 1.00 seconds\n");
        assertExecutionError(rid, "Lambda execution failed with status 200 due to customer function error: "
                + "Task timed out after 1.00 seconds. Lambda request id: " + lambdaRequestId);
        assertAccessLogStatus(rid, "502");
    }

    @Test
    void crashedEnvironmentIs502() {
        HttpResponse<String> response = post(profile, "/crash", Map.of(), "{}");

        assertInternalError(response, 502);
        String rid = requestId(response);
        FilteredLogEvent error = executionEvents(rid).stream()
                .filter(e -> e.message().contains("customer function error"))
                .findFirst().orElseThrow(() -> new AssertionError("no function error line for " + rid));
        assertThat(error.message()).matches("\\(" + rid + "\\) Lambda execution failed with status 200 due to customer "
                + "function error: Runtime exited with error: exit status 1\\. Lambda request id: [0-9a-f-]{36}");
        assertAccessLogStatus(rid, "502");
    }

    @Test
    void invocationBeyondReservedConcurrencyIs500RateExceeded() {
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(profile, "/slow", Map.of(), "{}"));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> post(profile, "/slow", Map.of(), "{}"));
        List<HttpResponse<String>> responses = List.of(first.join(), second.join());

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 500);
        HttpResponse<String> ok = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        HttpResponse<String> throttled = responses.stream().filter(r -> r.statusCode() == 500).findFirst().orElseThrow();
        assertThat(ok.body()).isEqualTo("slept");
        assertInternalError(throttled, 500);
        String rid = requestId(throttled);
        List<String> lines = executionEvents(rid).stream().map(FilteredLogEvent::message).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\(" + rid
                + "\\) Lambda invocation failed with status: 429\\. Lambda request id: [0-9a-f-]{36}"));
        assertThat(lines).contains("(" + rid + ") Execution failed due to configuration error: Rate Exceeded.");
        assertAccessLogStatus(rid, "500");
        assertAccessLogStatus(requestId(ok), "200");
    }

    @Test
    void malformedProxyResponseIs502() {
        HttpResponse<String> response = post(profile, "/malformed", Map.of(), "{}");

        assertInternalError(response, 502);
        String rid = requestId(response);
        assertExecutionError(rid, "Execution failed due to configuration error: Malformed Lambda proxy response");
        assertAccessLogStatus(rid, "502");
    }

    private static void assertInternalError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerErrorException");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(INTERNAL_ERROR_BODY);
    }

    private static List<FilteredLogEvent> executionEvents(String rid) {
        return await("execution log of " + rid, () -> events(logs, profile.logGroups().execution(), "\"" + rid + "\""),
                e -> e.stream().anyMatch(x -> x.message().contains("Method completed with status")));
    }

    private static void assertExecutionError(String rid, String line) {
        assertThat(executionEvents(rid)).extracting(FilteredLogEvent::message).contains("(" + rid + ") " + line);
    }

    private static void assertAccessLogStatus(String rid, String status) {
        List<FilteredLogEvent> lines = await("access log line of " + rid,
                () -> events(logs, profile.logGroups().access(), "\"" + rid + "\""), e -> !e.isEmpty());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).message()).startsWith("{\"requestId\":\"" + rid + "\",\"status\":\"" + status + "\"");
    }
}
