package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.crosscheck.LogEvent;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The writer invoked directly through the Lambda Invoke API (no API Gateway): the event is the object to store, the
 * item is keyed by the Lambda request id and its {@code metadata} attribute comes from the event's {@code Metadata}
 * field. {@code RequestResponse} answers 200 with {@code {"id":…,"stored":true}}; {@code Event} answers 202 and the item
 * appears within a bounded poll. These requests bypass the gateway, so the class's own cross-check is the writer's log:
 * exactly one {@code writer: stored item <id>} line per invocation.
 */
@ExtendWith(TurnstileStage.class)
class DirectInvocationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String writer(StageRun run) {
        return run.profile().functionName("WriterFunction");
    }

    private static InvokeResponse invoke(StageRun run, InvocationType type, String event) {
        return run.clients().lambda().invoke(r -> r.functionName(writer(run)).invocationType(type)
                .payload(SdkBytes.fromUtf8String(event)));
    }

    private static final Map<String, AttributeValue> METADATA = Map.of("source", AttributeValue.fromS("direct"),
            "attempt", AttributeValue.fromN("1"));

    @Test
    void requestResponseStoresTheEventAndAnswersItsId(StageRun run, TestReporter reporter) throws IOException {
        InvokeResponse response = invoke(run, InvocationType.REQUEST_RESPONSE,
                "{\"Metadata\":{\"source\":\"direct\",\"attempt\":1},\"value\":\"sync ✓\"}");
        String id = response.responseMetadata().requestId();
        String payload = response.payload().asUtf8String();
        reporter.publishEntry("expected", "200 {\"id\":\"<request id>\",\"stored\":true}, item with metadata");
        reporter.publishEntry("observed", response.statusCode() + " " + payload);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).as("X-Amz-Function-Error").isNull();
        assertThat(JSON.readTree(payload)).isEqualTo(JSON.readTree("{\"id\":\"" + id + "\",\"stored\":true}"));
        Map<String, AttributeValue> item = Items.get(run, id);
        assertThat(item.get("metadata")).isEqualTo(AttributeValue.fromM(METADATA));
        assertThat(item.get("payload").m()).containsEntry("value", AttributeValue.fromS("sync ✓"))
                .containsEntry("Metadata", AttributeValue.fromM(METADATA));
        assertThat(item).doesNotContainKeys("runId", "apiKeyId", "principalId");
        assertStoredOnceInTheLog(run, id);
    }

    @Test
    void eventIsAcceptedThenStored(StageRun run, TestReporter reporter) {
        InvokeResponse response = invoke(run, InvocationType.EVENT,
                "{\"Metadata\":{\"source\":\"direct\",\"attempt\":1},\"value\":\"async\"}");
        String id = response.responseMetadata().requestId();
        reporter.publishEntry("expected", "202, then the item appears");
        reporter.publishEntry("observed", response.statusCode() + " request id " + id);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();

        Duration within = run.profile().isLocal() ? Duration.ofSeconds(15) : Duration.ofMinutes(2);
        Map<String, AttributeValue> item = await("item " + id).atMost(within).pollInterval(poll(run))
                .until(() -> Items.get(run, id), stored -> !stored.isEmpty());
        assertThat(item.get("metadata")).isEqualTo(AttributeValue.fromM(METADATA));
        assertThat(item.get("payload").m()).containsEntry("value", AttributeValue.fromS("async"));
        assertStoredOnceInTheLog(run, id);
    }

    /** The writer logged storing this id exactly once (its own line, not an "already stored" redelivery). */
    private static void assertStoredOnceInTheLog(StageRun run, String id) {
        String line = "writer: stored item " + id;
        List<LogEvent> events = run.awaitEvents(run.profile().functionLogGroup("WriterFunction"),
                list -> list.stream().anyMatch(e -> e.message().contains(line)));
        // occurrences, not events: the local stage splits function output on newlines and the writer's log() calls
        // end without one, so one event may hold several lines (on AWS each log() call is its own event)
        long occurrences = events.stream().mapToLong(e -> occurrences(e.message(), line)).sum();
        assertThat(occurrences).as("'%s' in the writer's log", line).isEqualTo(1);
    }

    private static long occurrences(String text, String part) {
        long count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static Duration poll(StageRun run) {
        return Duration.ofMillis(run.profile().isLocal() ? 100 : 2_000);
    }
}
