package dev.turnstile.functions.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.functions.support.Fixtures;
import dev.turnstile.functions.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

class WriterHandlerTest {

    private static final String TABLE = "turnstile-items";
    private static final String LAMBDA_REQUEST_ID = "5e2a7b0c-1d3f-4a5b-8c9d-lambda000001";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.456Z");

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final WriterHandler handler = new WriterHandler(dynamoDb, TABLE, Clock.fixed(NOW, ZoneOffset.UTC));
    private final TestContext context = new TestContext(LAMBDA_REQUEST_ID);
    private final ObjectMapper json = new ObjectMapper();

    private String invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String itemsEventWithBody(String body) throws IOException {
        ObjectNode event = (ObjectNode) json.readTree(Fixtures.text("items-post.json"));
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        return event.toString();
    }

    private static String proxyResponse(int status, String body) {
        return "{\"statusCode\":" + status + ",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":"
                + new ObjectMapper().valueToTree(body) + ",\"isBase64Encoded\":false}";
    }

    private static Map<String, AttributeValue> map(Object... keysAndValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void proxyEventIsStoredAsOneItemWithTypesPreserved() throws IOException {
        String response = invoke(Fixtures.text("items-post.json"));

        assertThat(response).isEqualTo(proxyResponse(200,
                "{\"id\":\"BQGBqF2aIAMEb9w=\",\"stored\":true}"));
        assertThat(dynamoDb.requests).hasSize(1);
        PutItemRequest put = dynamoDb.requests.get(0);
        assertThat(put.tableName()).isEqualTo(TABLE);
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(ID)");
        AttributeValue metadata = fromM(map("source", fromS("turnstile"), "attempt", fromN("1")));
        assertThat(put.item()).isEqualTo(map(
                "ID", fromS("BQGBqF2aIAMEb9w="),
                "created", fromS("2026-11-25T10:15:30.123Z"),
                "payload", fromM(map(
                        "metadata", metadata,
                        "name", fromS("café ☕ 東京 🚀"),
                        "count", fromN("42"),
                        "price", fromN("19.90"),
                        "big", fromN("12345678901234567890123456789012345678"),
                        "active", fromBool(true),
                        "nothing", fromNul(true),
                        "tags", fromL(List.of(fromS("a"), fromN("2"), fromBool(false), fromNul(true),
                                fromM(map("deep", fromL(List.of(fromN("1500"))))))),
                        "nested", fromM(map("level", fromM(map("leaf", fromS("x"))))))),
                "metadata", metadata,
                "principalId", fromS("user"),
                "apiKeyId", fromS("k3y1d0001"),
                "runId", fromS("run-20261125-001")));
        assertThat(context.logLines()).containsExactly(
                "writer: stored item BQGBqF2aIAMEb9w= run run-20261125-001");
    }

    @Test
    void runIdHeaderIsMatchedWhateverItsCasing() throws IOException {
        String response = invoke(Fixtures.text("tenant-items-post.json"));

        assertThat(response).isEqualTo(proxyResponse(200,
                "{\"id\":\"BQGCtE3bIAMEc1x=\",\"stored\":true}"));
        Map<String, AttributeValue> item = dynamoDb.items.get("BQGCtE3bIAMEc1x=");
        assertThat(item.get("runId")).isEqualTo(fromS("run-20261125-002"));
        assertThat(item).doesNotContainKey("metadata");
        assertThat(item.get("payload")).isEqualTo(fromM(map("order", fromS("A-17"),
                "lines", fromL(List.of(fromM(map("sku", fromS("X1"), "qty", fromN("2"))))))));
    }

    @Test
    void aRedeliveredRequestIsSuccessAndStoredOnce() throws IOException {
        String first = invoke(Fixtures.text("items-post.json"));
        String second = invoke(Fixtures.text("items-post.json"));

        assertThat(second).isEqualTo(first);
        assertThat(dynamoDb.requests).hasSize(2);
        assertThat(dynamoDb.reads).singleElement().satisfies(read -> assertThat(read.consistentRead()).isTrue());
        assertThat(dynamoDb.items).containsOnlyKeys("BQGBqF2aIAMEb9w=");
        assertThat(context.logLines()).endsWith(
                "writer: already stored item BQGBqF2aIAMEb9w= run run-20261125-001");
    }

    @Test
    void anotherBodyUnderAnIdAlreadyStoredIs409AndTheStoredItemIsKept() throws IOException {
        invoke(Fixtures.text("items-post.json"));
        Map<String, AttributeValue> stored = dynamoDb.items.get("BQGBqF2aIAMEb9w=");

        String response = invoke(itemsEventWithBody("{\"other\":true}"));

        String message = "an item with id BQGBqF2aIAMEb9w= is already stored with a different request; this request "
                + "was not stored";
        assertThat(response).isEqualTo(proxyResponse(409, json.createObjectNode().put("message", message).toString()));
        assertThat(dynamoDb.items.get("BQGBqF2aIAMEb9w=")).isSameAs(stored);
        assertThat(context.logLines()).endsWith("writer: 409 " + message);
    }

    @Test
    void aPutTheSdkRetriedAfterItsFirstAttemptLandedIsStoredNotAConflict() throws IOException {
        // the first attempt reached DynamoDB but its answer was lost; only the receive time could differ
        ObjectNode event = (ObjectNode) json.readTree(Fixtures.text("items-post.json"));
        invoke(event.toString());
        Map<String, AttributeValue> landed = new LinkedHashMap<>(dynamoDb.items.get("BQGBqF2aIAMEb9w="));
        landed.put("created", fromS("2026-11-25T10:15:29.000Z"));
        dynamoDb.items.put("BQGBqF2aIAMEb9w=", landed);

        assertThat(invoke(event.toString())).isEqualTo(proxyResponse(200,
                "{\"id\":\"BQGBqF2aIAMEb9w=\",\"stored\":true}"));
    }

    @Test
    void aRequestIdChosenByTheClientIsNotTheKey() throws IOException {
        // a client may send its own x-amzn-RequestId (docs/aws-behaviour.md §1.1): two requests share it, each is stored
        ObjectNode first = (ObjectNode) json.readTree(itemsEventWithBody("{\"n\":1}"));
        ObjectNode second = (ObjectNode) json.readTree(itemsEventWithBody("{\"n\":2}"));
        ((ObjectNode) second.get("requestContext")).put("extendedRequestId", "BQGBqF2aIAMEb9x=");

        assertThat(invoke(first.toString())).startsWith("{\"statusCode\":200,");
        assertThat(invoke(second.toString())).startsWith("{\"statusCode\":200,");

        assertThat(dynamoDb.items).containsOnlyKeys("BQGBqF2aIAMEb9w=", "BQGBqF2aIAMEb9x=");
        assertThat(dynamoDb.items.get("BQGBqF2aIAMEb9x=").get("payload")).isEqualTo(fromM(map("n", fromN("2"))));
    }

    @Test
    void withoutAnExtendedRequestIdTheLambdaRequestIdIsTheKeyAndNowTheTime() throws IOException {
        ObjectNode event = (ObjectNode) json.readTree(Fixtures.text("items-post.json"));
        ((ObjectNode) event.get("requestContext")).remove(List.of("extendedRequestId", "requestTimeEpoch"));

        String response = invoke(event.toString());

        assertThat(response).isEqualTo(proxyResponse(200, "{\"id\":\"" + LAMBDA_REQUEST_ID + "\",\"stored\":true}"));
        assertThat(dynamoDb.items.get(LAMBDA_REQUEST_ID).get("created")).isEqualTo(fromS("2026-11-25T12:00:00.456Z"));
    }

    @Test
    void aBase64EncodedBodyIsDecoded() throws IOException {
        ObjectNode event = (ObjectNode) json.readTree(itemsEventWithBody(
                Base64.getEncoder().encodeToString("{\"k\":\"ü\"}".getBytes(StandardCharsets.UTF_8))));
        event.put("isBase64Encoded", true);

        assertThat(invoke(event.toString())).startsWith("{\"statusCode\":200,");
        assertThat(dynamoDb.requests.get(0).item().get("payload")).isEqualTo(fromM(map("k", fromS("ü"))));
    }

    @Test
    void aBase64BodyThatIsNotUtf8Is400AndNothingIsStored() throws IOException {
        // API Gateway base64-encodes bytes that are not UTF-8; decoding them leniently would store U+FFFD instead
        byte[] latin1 = "{\"k\":\"\u00fc\"}".getBytes(StandardCharsets.ISO_8859_1);
        ObjectNode event = (ObjectNode) json.readTree(itemsEventWithBody(Base64.getEncoder().encodeToString(latin1)));
        event.put("isBase64Encoded", true);

        assertThat(invoke(event.toString())).isEqualTo(proxyResponse(400,
                "{\"message\":\"request body is not valid UTF-8 text; JSON must be encoded in UTF-8\"}"));
        assertThat(dynamoDb.requests).isEmpty();
    }

    static Stream<Object[]> badBodies() {
        return Stream.of(
                new Object[] {null, "request body is empty; send a JSON object"},
                new Object[] {"", "request body is empty; send a JSON object"},
                new Object[] {"  \n", "request body is empty; send a JSON object"},
                new Object[] {"[{\"a\":1}]", "request body must be a JSON object, not an array"},
                new Object[] {"\"text\"", "request body must be a JSON object, not a string"},
                new Object[] {"42", "request body must be a JSON object, not a number"},
                new Object[] {"null", "request body must be a JSON object, not null"},
                new Object[] {"{\"a\":", "request body is not valid JSON: Unexpected end-of-input "
                        + "within/between Object entries (line 1, column 6)"},
                new Object[] {"{\"a\":1} trailing", "request body is not valid JSON: Unrecognized token "
                        + "'trailing': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
                        + "'false') (line 1, column 9)"},
                new Object[] {"{\"a\":1} {}", "request body is not valid JSON: Trailing token (of type "
                        + "START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): "
                        + "not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS` (line 1, column 9)"},
                new Object[] {"{\"a\":1,\"a\":2}", "request body is not valid JSON: Duplicate field 'a' "
                        + "(line 1, column 11)"},
                new Object[] {"{\"s\":\"a\\ud800b\"}", "field payload.s holds an unpaired UTF-16 surrogate "
                        + "(\\ud800), which is not Unicode text"},
                new Object[] {"{\"\\udc00\":1}", "request body is not valid JSON: Unexpected low "
                        + "surrogate in field name: 0xdc00 (line 1, column 9)"},
                new Object[] {"{\"n\":1e200}", "field payload.n is outside the range of a DynamoDB number "
                        + "(magnitude 1E-130 to 9.9999999999999999999999999999999999999E+125)"},
                new Object[] {"{\"n\":[1.23456789012345678901234567890123456789]}", "field payload.n[0] has "
                        + "more than 38 significant digits, more than a DynamoDB number can hold"},
                new Object[] {"{\"a\":".repeat(33) + "1" + "}".repeat(33),
                        "field payload" + ".a".repeat(32) + " is nested "
                                + "deeper than DynamoDB's 32 levels"});
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBodyThatIsNotAStorableJsonObjectIs400AndNothingIsStored(String body, String message) throws IOException {
        String response = invoke(itemsEventWithBody(body));

        assertThat(response).isEqualTo(proxyResponse(400, json.createObjectNode().put("message", message).toString()));
        assertThat(dynamoDb.requests).isEmpty();
        assertThat(context.logLines()).containsExactly("writer: 400 " + message);
    }

    @Test
    void anItemOverDynamoDbsLimitIs413AndNothingIsStored() throws IOException {
        String body = "{\"blob\":\"" + "x".repeat(400 * 1024) + "\"}";

        String response = invoke(itemsEventWithBody(body));

        // 409,600 bytes of string plus the rest of the item's attribute names and values
        long expectedSize = ItemSize.of(new StoredItem("BQGBqF2aIAMEb9w=",
                Instant.ofEpochMilli(1795601730123L), json.createObjectNode().put("blob", "x".repeat(400 * 1024)),
                null, "user", "k3y1d0001", "run-20261125-001").attributes());
        assertThat(expectedSize).isEqualTo(409_600 + 117);
        assertThat(response).isEqualTo(proxyResponse(413, "{\"message\":\"the item would be " + expectedSize
                + " bytes; DynamoDB's item size limit is 409600 bytes (400 KB)\"}"));
        assertThat(dynamoDb.requests).isEmpty();
    }

    @Test
    void anItemOfExactlyTheLimitIsStoredAndOneByteMoreIsNot() throws IOException {
        // the fixed part of the item around a payload {"blob":"…"} is 117 bytes (see the 413 test)
        int fits = 409_600 - 117;
        assertThat(invoke(itemsEventWithBody("{\"blob\":\"" + "x".repeat(fits) + "\"}"))).startsWith("{\"statusCode\":200,");

        dynamoDb.items.clear();
        assertThat(invoke(itemsEventWithBody("{\"blob\":\"" + "x".repeat(fits + 1) + "\"}")))
                .startsWith("{\"statusCode\":413,");
        assertThat(dynamoDb.requests).hasSize(1);
    }

    static Stream<RuntimeException> throttlingErrors() {
        return Stream.of(
                ProvisionedThroughputExceededException.builder().message("The level of configured provisioned "
                        + "throughput for the table was exceeded").statusCode(400).build(),
                RequestLimitExceededException.builder().message("Throughput exceeds the current throughput limit "
                        + "for your account").statusCode(400).build(),
                ThrottlingException.builder().message("Rate of requests exceeds the allowed throughput")
                        .statusCode(400).build());
    }

    @ParameterizedTest
    @MethodSource("throttlingErrors")
    void throttlingThatSurvivesTheSdkRetriesIs503(RuntimeException throttling) throws IOException {
        dynamoDb.failWith(throttling);

        String response = invoke(Fixtures.text("items-post.json"));

        assertThat(response).isEqualTo(proxyResponse(503,
                "{\"message\":\"DynamoDB is throttling writes; retry later\"}"));
        assertThat(context.logLines()).containsExactly("writer: 503 DynamoDB throttled the write after the SDK's "
                + "retries: " + throttling.getMessage());
    }

    @Test
    void anyOtherFailureIs500WithTheCauseInTheFunctionLog() throws IOException {
        dynamoDb.failWith(ResourceNotFoundException.builder().message("Requested resource not found").build());

        String response = invoke(Fixtures.text("items-post.json"));

        assertThat(response).isEqualTo(proxyResponse(500, "{\"message\":\"the item could not be stored; see the "
                + "function log for request " + LAMBDA_REQUEST_ID + "\"}"));
        assertThat(context.logLines()).hasSize(1);
        assertThat(context.logLines().get(0))
                .startsWith("writer: 500 the item was not stored: software.amazon.awssdk.services.dynamodb.model."
                        + "ResourceNotFoundException: Requested resource not found")
                .contains("\tat dev.turnstile.functions.writer.WriterHandlerTest");
    }

    static Stream<RuntimeException> unavailableErrors() {
        return Stream.of(
                SdkClientException.create("Unable to execute HTTP request: Connection refused"),
                AwsServiceException.builder().message("Internal server error").statusCode(500).build(),
                AwsServiceException.builder().message("Service unavailable").statusCode(503).build());
    }

    @ParameterizedTest
    @MethodSource("unavailableErrors")
    void anUnreachableOrFailingDynamoDbIs503(RuntimeException failure) throws IOException {
        dynamoDb.failWith(failure);

        assertThat(invoke(Fixtures.text("items-post.json"))).isEqualTo(proxyResponse(503,
                "{\"message\":\"DynamoDB is unavailable; the item was not stored; retry later\"}"));
        assertThat(context.logLines()).containsExactly("writer: 503 DynamoDB is unavailable after the SDK's retries: "
                + failure.getMessage());
    }

    @Test
    void aDirectInvocationStoresTheEventItselfUnderTheLambdaRequestId() throws IOException {
        String result = invoke(Fixtures.text("direct-invoke.json"));

        assertThat(result).isEqualTo("{\"id\":\"" + LAMBDA_REQUEST_ID + "\",\"stored\":true}");
        AttributeValue metadata = fromM(map("source", fromS("async-replay"), "batch", fromN("7")));
        assertThat(dynamoDb.requests.get(0).item()).isEqualTo(map(
                "ID", fromS(LAMBDA_REQUEST_ID),
                "created", fromS("2026-11-25T12:00:00.456Z"),
                "payload", fromM(map(
                        "Metadata", metadata,
                        "message", fromS("stored by a direct invocation"),
                        "values", fromL(List.of(fromN("1"), fromN("2.5"), fromS("three"), fromBool(true),
                                fromNul(true))),
                        "nested", fromM(map("ok", fromBool(true))))),
                "metadata", metadata));
        assertThat(dynamoDb.requests.get(0).conditionExpression()).isEqualTo("attribute_not_exists(ID)");
    }

    @Test
    void aRetriedDirectInvocationStoresOnce() throws IOException {
        String first = invoke(Fixtures.text("direct-invoke.json"));
        String retry = invoke(Fixtures.text("direct-invoke.json"));

        assertThat(retry).isEqualTo(first);
        assertThat(dynamoDb.items).hasSize(1);
    }

    @Test
    void aDirectInvocationWhoseIdHoldsAnotherEventIsAFunctionErrorAndStoresNothing() throws IOException {
        invoke(Fixtures.text("direct-invoke.json"));
        Map<String, AttributeValue> stored = dynamoDb.items.get(LAMBDA_REQUEST_ID);

        assertThatThrownBy(() -> invoke("{\"different\":1}"))
                .isInstanceOf(ItemConflictException.class)
                .hasMessage("an item with id " + LAMBDA_REQUEST_ID + " is already stored with a different request; "
                        + "this request was not stored");
        assertThat(dynamoDb.items.get(LAMBDA_REQUEST_ID)).isSameAs(stored);
    }

    @Test
    void aDirectInvocationPrefersLowerCaseMetadata() throws IOException {
        invoke("{\"metadata\":\"lower\",\"Metadata\":\"upper\"}");

        assertThat(dynamoDb.requests.get(0).item().get("metadata")).isEqualTo(fromS("lower"));
    }

    @Test
    void aDirectInvocationThatIsNotAnObjectIsAFunctionError() {
        assertThatThrownBy(() -> invoke("[1,2,3]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the event must be a JSON object (a proxy event or the object to store), not an array");
        assertThatThrownBy(() -> invoke(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the event must be a JSON object (a proxy event or the object to store), not nothing");
        assertThat(dynamoDb.requests).isEmpty();
    }

    @Test
    void directInvocationFailuresAreThrownForLambdaToReport() {
        dynamoDb.failWith(ThrottlingException.builder().message("slow down").build());
        assertThatThrownBy(() -> invoke(Fixtures.text("direct-invoke.json")))
                .isInstanceOf(WriteThrottledException.class)
                .hasMessage("DynamoDB throttled the write after the SDK's retries: slow down");

        assertThatThrownBy(() -> invoke("{\"blob\":\"" + "x".repeat(410_000) + "\"}"))
                .isInstanceOf(ItemTooLargeException.class)
                .hasMessageStartingWith("the item would be 410");
    }
}
