package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The writer behind {@code POST /items} (Lambda proxy, payload 1.0): a JSON object is stored as one item keyed by the
 * API Gateway request id with every JSON type preserved; malformed JSON, a non-object or an empty body is 400 with no
 * item; an item over DynamoDB's 400 KB limit is 413 with no item; two requests sending one client-chosen UUID in
 * {@code x-amzn-RequestId} (which API Gateway honours) are both stored, each under its own {@code x-amz-apigw-id}.
 */
@ExtendWith(TurnstileStage.class)
class WriterIT {

    private static StageResponse post(StageRun run, String body, String scenario) {
        StageRequest.Builder b = StageRequest.to("POST", "/items").apiKey(run.profile().key("-standard")).token("allow")
                .scenario(scenario);
        return run.send(body == null ? b.header("Content-Type", "application/json").build() : b.json(body).build());
    }

    @Test
    void everyJsonTypeSurvivesTheRoundTrip(StageRun run, TestReporter reporter) {
        StageResponse r = post(run, "{\"s\":\"text\",\"n\":42.5,\"i\":-7,\"b\":true,\"z\":null,"
                + "\"m\":{\"inner\":{\"deep\":\"x\"}},\"l\":[1,\"two\",false,null],\"u\":\"héllo ✓ 日本 😀\"}", "round-trip");
        Expect.status(reporter, r, 200, null);
        Map<String, AttributeValue> payload = Items.get(run, r.extendedRequestId()).get("payload").m();
        assertThat(payload).isEqualTo(Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("42.5"),
                "i", AttributeValue.fromN("-7"),
                "b", AttributeValue.fromBool(true),
                "z", AttributeValue.fromNul(true),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("x"))))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two"),
                        AttributeValue.fromBool(false), AttributeValue.fromNul(true))),
                "u", AttributeValue.fromS("héllo ✓ 日本 😀")));
    }

    @Test
    void malformedJsonIsRejectedWithoutItem(StageRun run, TestReporter reporter) {
        rejected(run, reporter, "{\"unterminated\":", 400, "malformed");
    }

    @Test
    void arrayBodyIsRejectedWithoutItem(StageRun run, TestReporter reporter) {
        rejected(run, reporter, "[1,2,3]", 400, "array");
    }

    @Test
    void emptyBodyIsRejectedWithoutItem(StageRun run, TestReporter reporter) {
        rejected(run, reporter, null, 400, "empty");
    }

    @Test
    void oversizedItemIsRejectedWithoutItem(StageRun run, TestReporter reporter) {
        rejected(run, reporter, "{\"big\":\"" + "x".repeat(400 * 1024 + 1) + "\"}", 413, "oversized");
    }

    @Test
    void twoRequestsSharingAClientChosenRequestIdAreBothStored(StageRun run, TestReporter reporter) {
        String id = UUID.randomUUID().toString();
        StageResponse first = run.send(StageRequest.to("POST", "/items").apiKey(run.profile().key("-standard")).token("allow")
                .requestId(id).json("{\"attempt\":1}").scenario("same-id").build());
        StageResponse second = run.send(StageRequest.to("POST", "/items").apiKey(run.profile().key("-standard")).token("allow")
                .requestId(id).json("{\"attempt\":2}").scenario("same-id").build());
        Expect.status(reporter, second, 200, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.requestId()).isEqualTo(id);
        assertThat(second.requestId()).isEqualTo(id);
        // the client chose the request id, not the item key: each request is stored under its own x-amz-apigw-id
        assertThat(first.extendedRequestId()).isNotEqualTo(second.extendedRequestId());
        assertThat(Items.get(run, first.extendedRequestId()).get("payload").m())
                .isEqualTo(Map.of("attempt", AttributeValue.fromN("1")));
        assertThat(Items.get(run, second.extendedRequestId()).get("payload").m())
                .isEqualTo(Map.of("attempt", AttributeValue.fromN("2")));
        assertThat(Items.get(run, id)).as("no item under the client's request id").isEmpty();
        assertThat(first.bodyText()).isEqualTo("{\"id\":\"" + first.extendedRequestId() + "\",\"stored\":true}");
    }

    private static void rejected(StageRun run, TestReporter reporter, String body, int status, String scenario) {
        StageResponse r = post(run, body, scenario);
        Expect.status(reporter, r, status, null);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.bodyText()).startsWith("{\"message\":");
        assertThat(Items.get(run, r.extendedRequestId())).as("item for a %d", status).isEmpty();
    }
}
