package dev.turnstile.localstage.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.localstage.it.ItStages;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fault and abuse suite, bad-input half: what an attacker or a clumsy client sends to every face of a real local
 * stage (the repository's template, real writer and authorizers, real dynalite), each answered with its exact status,
 * {@code x-amzn-ErrorType} and body, and nothing refused is stored. Slow clients hold no thread: normal traffic goes
 * on beside them and they are cut off at the body deadline. (The crash half — writer, dynalite and whole-stage kills
 * under load — is {@code FaultScenarioIT}.)
 */
class BadInputIT {

    /** Short, so the slow-client case ends quickly; the default is 30 s. */
    private static final Duration BODY_DEADLINE = Duration.ofSeconds(3);
    private static final String RUN = "abuse-" + UUID.randomUUID();

    @TempDir
    static Path data;
    private static LocalStage stage;
    private static StageProfile profile;
    private static DynamoDbClient dynamoDb;
    private static URI executeApi;
    private static URI services;
    private static ApiKeyInfo key;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        stage = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, data).port(0)
                .bodyReadTimeout(BODY_DEADLINE).build());
        profile = stage.profile();
        dynamoDb = ItStages.dynamoDb(profile);
        executeApi = URI.create(profile.invokeUrl());
        services = URI.create(profile.endpoint("logs").orElseThrow());
        key = profile.plan("-standard").apiKeys().get(0);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {dynamoDb, stage}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + c + " failed", e);
                }
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** POST {@code <invokeUrl><path>} with the headers given as name/value pairs (repeats allowed) and the body. */
    private static HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(profile.invokeUrl() + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> postItem(byte[] body) {
        return post("/items", body, "x-api-key", key.value(), "authorizationToken", "allow", "x-turnstile-run-id", RUN);
    }

    private static Map<String, AttributeValue> item(HttpResponse<?> response) {
        return ItStages.item(dynamoDb, profile.table(), ItStages.extendedRequestId(response));
    }

    private static void assertAnswer(HttpResponse<String> r, int status, String errorType, String body) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).isEqualTo(java.util.Optional.ofNullable(errorType));
        assertThat(r.body()).isEqualTo(body);
    }

    private static void assertStored(HttpResponse<String> r, Map<String, AttributeValue> payload) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(200);
        String id = ItStages.extendedRequestId(r);
        assertThat(r.body()).isEqualTo("{\"id\":\"" + id + "\",\"stored\":true}");
        assertThat(item(r).get("payload").m()).isEqualTo(payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- bodies --------------------------------------------------------------------------------------------

    static Stream<Arguments> bodiesTheWriterRefuses() {
        return Stream.of(
                Arguments.of("malformed JSON", bytes("{\"a\":"), "request body is not valid JSON: Unexpected "
                        + "end-of-input within/between Object entries (line 1, column 6)"),
                Arguments.of("not an object", bytes("[1]"), "request body must be a JSON object, not an array"),
                Arguments.of("empty", new byte[0], "request body is empty; send a JSON object"),
                Arguments.of("Latin-1, not UTF-8", "{\"k\":\"\u00fc\"}".getBytes(StandardCharsets.ISO_8859_1),
                        "request body is not valid UTF-8 text; JSON must be encoded in UTF-8"),
                Arguments.of("UTF-16", "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_16),
                        "request body is not valid UTF-8 text; JSON must be encoded in UTF-8"),
                Arguments.of("unpaired surrogate escape", bytes("{\"s\":\"a\\ud800b\"}"),
                        "field payload.s holds an unpaired UTF-16 surrogate (\\ud800), which is not Unicode text"),
                Arguments.of("nested past DynamoDB's 32 levels", bytes("{\"a\":".repeat(40) + "1" + "}".repeat(40)),
                        "field payload" + ".a".repeat(32) + " is nested deeper than DynamoDB's 32 levels"),
                Arguments.of("number DynamoDB cannot hold", bytes("{\"n\":1e200}"), "field payload.n is outside the "
                        + "range of a DynamoDB number (magnitude 1E-130 to 9.9999999999999999999999999999999999999E+125)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bodiesTheWriterRefuses(String what, byte[] body, String message) {
        HttpResponse<String> r = postItem(body);

        assertAnswer(r, 400, null, "{\"message\":" + jsonString(message) + "}");
        assertThat(item(r)).as("item for a refused %s body", what).isEmpty();
    }

    @Test
    void aChunkedBodyIsStoredWhole() {
        // no Content-Length: the JDK client streams an InputStream publisher with Transfer-Encoding: chunked
        byte[] body = bytes("{\"chunked\":\"" + "c".repeat(100_000) + "\"}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(profile.invokeUrl() + "/items"))
                .timeout(Duration.ofSeconds(60)).header("x-api-key", key.value()).header("authorizationToken", "allow")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertStored(send(request), Map.of("chunked", AttributeValue.fromS("c".repeat(100_000))));
    }

    @Test
    void aBodyOverTenMegabytesIs413WhetherDeclaredOrChunked() {
        String head = "POST " + executeApi.getPath() + "/items HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + key.value()
                + "\r\nauthorizationToken: allow\r\n";
        // declared: answered from Content-Length alone, the body is never read
        RawHttp.Answer declared = RawHttp.exchange(executeApi, head + "Content-Length: 10485761\r\n\r\n",
                bytes("{\"x\":\""));
        // chunked: read up to the limit + 1, then refused
        byte[] chunk = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(chunk, (byte) 'x');
        byte[] chunked = concat(bytes(Integer.toHexString(chunk.length) + "\r\n"), chunk, bytes("\r\n0\r\n\r\n"));
        RawHttp.Answer streamed = RawHttp.exchange(executeApi, head + "Transfer-Encoding: chunked\r\n\r\n", chunked);

        for (RawHttp.Answer a : List.of(declared, streamed)) {
            assertThat(a.status()).isEqualTo(413);
            assertThat(a.header("x-amzn-ErrorType")).hasValue("RequestTooLargeException");
            assertThat(a.bodyText()).isEqualTo("{\"message\":\"Request Too Large\"}");
            assertThat(ItStages.item(dynamoDb, profile.table(), a.header("x-amz-apigw-id").orElseThrow())).isEmpty();
        }
    }

    @Test
    void anEventOverLambdasSixMegabytesIsNotSentToTheFunction() {
        // 7 MB of body: under API Gateway's 10 MB, over Lambda's 6 MB synchronous payload
        HttpResponse<String> r = postItem(bytes("{\"big\":\"" + "b".repeat(7 * 1024 * 1024) + "\"}"));

        assertAnswer(r, 413, "RequestTooLargeException", "{\"message\":\"Request Too Large\"}");
        assertThat(item(r)).isEmpty();
    }

    // ---- headers -------------------------------------------------------------------------------------------

    /** A POST /items whose request line and headers are exactly {@code total} bytes (API Gateway allows 10,240). */
    private static RawHttp.Answer postWithHeadSize(int total) {
        byte[] body = bytes("{\"head\":" + total + "}");
        String start = "POST " + executeApi.getPath() + "/items HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + key.value()
                + "\r\nauthorizationToken: allow\r\nContent-Length: " + body.length + "\r\nX-Pad: ";
        String end = "\r\n\r\n";
        return RawHttp.exchange(executeApi, start + "p".repeat(total - start.length() - end.length()) + end, body);
    }

    @Test
    void requestLineAndHeadersUpTo10240BytesAreServedAndOneByteMoreIs431() {
        RawHttp.Answer nineKb = postWithHeadSize(9 * 1024);
        RawHttp.Answer atLimit = postWithHeadSize(10_240);
        RawHttp.Answer over = postWithHeadSize(10_241);

        for (RawHttp.Answer served : List.of(nineKb, atLimit)) {
            assertThat(served.status()).as(served.bodyText()).isEqualTo(200);
            assertThat(ItStages.item(dynamoDb, profile.table(), served.header("x-amz-apigw-id").orElseThrow()))
                    .containsKey("payload");
        }
        assertThat(over.status()).isEqualTo(431);
        assertThat(over.header("Content-Type")).hasValue("application/json");
        assertThat(over.bodyText()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
    }

    /** The TOKEN authorizer of {@code /items} and the REQUEST authorizer of {@code /tenant-items} (token + tenant). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/items", "/tenant-items?tenant=tenant-a"})
    void anIdentityHeaderSentTwiceIsItsLastValueForTheCacheAndTheFunction(String path) {
        // (deny, allow): the function reads the last value, allow; the cache must key the result by it, not by deny
        HttpResponse<String> twice = post(path, bytes("{\"t\":1}"), "x-api-key", key.value(),
                "authorizationToken", "deny", "authorizationToken", "allow");
        HttpResponse<String> deny = post(path, bytes("{\"t\":2}"), "x-api-key", key.value(),
                "authorizationToken", "deny");

        assertStored(twice, Map.of("t", AttributeValue.fromN("1")));
        assertAnswer(deny, 403, "AccessDeniedException",
                "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}");
        assertThat(item(deny)).isEmpty();
    }

    @Test
    void anApiKeySentTwiceIsItsLastValue() {
        HttpResponse<String> lastValid = post("/items", bytes("{\"key\":1}"), "x-api-key", "no-such-key-value-000000",
                "x-api-key", key.value(), "authorizationToken", "allow");
        HttpResponse<String> lastInvalid = post("/items", bytes("{\"key\":2}"), "x-api-key", key.value(),
                "x-api-key", "no-such-key-value-000000", "authorizationToken", "allow");

        assertStored(lastValid, Map.of("key", AttributeValue.fromN("1")));
        assertThat(item(lastValid).get("apiKeyId").s()).isEqualTo(key.id());
        assertAnswer(lastInvalid, 403, "ForbiddenException", "{\"message\":\"Forbidden\"}");
        assertThat(item(lastInvalid)).isEmpty();
    }

    @Test
    void aRequestIdChosenByTheClientNeitherPreemptsNorOverwritesAnotherRequest() {
        String chosen = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/items", bytes("{\"attempt\":1}"), "x-api-key", key.value(),
                "authorizationToken", "allow", "x-amzn-RequestId", chosen);
        HttpResponse<String> second = post("/items", bytes("{\"attempt\":2}"), "x-api-key", key.value(),
                "authorizationToken", "allow", "x-amzn-RequestId", chosen);

        // API Gateway reuses the client's UUID as the request id (docs/aws-behaviour.md §1.1); the items are keyed apart
        assertThat(first.headers().firstValue("x-amzn-RequestId")).hasValue(chosen);
        assertThat(second.headers().firstValue("x-amzn-RequestId")).hasValue(chosen);
        assertStored(first, Map.of("attempt", AttributeValue.fromN("1")));
        assertStored(second, Map.of("attempt", AttributeValue.fromN("2")));
        assertThat(ItStages.extendedRequestId(first)).isNotEqualTo(ItStages.extendedRequestId(second));
        assertThat(ItStages.item(dynamoDb, profile.table(), chosen)).isEmpty();
    }

    @Test
    void anUnknownPathOrVerbIsMissingAuthenticationToken() {
        HttpResponse<String> path = post("/no-such-resource", bytes("{}"), "x-api-key", key.value());
        HttpResponse<String> verb = send(HttpRequest.newBuilder(URI.create(profile.invokeUrl() + "/items"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());

        for (HttpResponse<String> r : List.of(path, verb)) {
            assertAnswer(r, 403, "MissingAuthenticationTokenException", "{\"message\":\"Missing Authentication Token\"}");
        }
    }

    // ---- the services port ---------------------------------------------------------------------------------

    static Stream<Arguments> unknownOperationsAndBadShapes() {
        String json11 = "application/x-amz-json-1.1";
        String logs = "Logs_20140328.";
        String unknownOperation = "com.amazon.coral.service#UnknownOperationException";
        return Stream.of(
                Arguments.of("POST", "/", null, json11, "{}", 400, "UnknownOperationException",
                        "{\"__type\":\"" + unknownOperation + "\",\"message\":\"the request has no X-Amz-Target header"
                                + " naming the operation\"}"),
                Arguments.of("POST", "/", "DynamoDB_20120810.PutItem", "application/x-amz-json-1.0", "{}", 400,
                        "UnknownOperationException", "{\"__type\":\"" + unknownOperation + "\",\"message\":\"no "
                                + "local-stage service serves the operation DynamoDB_20120810.PutItem\"}"),
                Arguments.of("POST", "/", logs + "NoSuchThing", json11, "{}", 400, "UnknownOperationException",
                        "{\"__type\":\"UnknownOperationException\",\"message\":\"Unknown operation NoSuchThing\"}"),
                Arguments.of("POST", "/", logs + "DescribeLogGroups", json11, "{oops", 400, "SerializationException",
                        "{\"__type\":\"SerializationException\",\"message\":\"The request body is not valid JSON\"}"),
                Arguments.of("POST", "/", logs + "DescribeLogGroups", json11, "[]", 400, "SerializationException",
                        "{\"__type\":\"SerializationException\",\"message\":\"The request body must be a JSON object\"}"),
                Arguments.of("POST", "/", logs + "PutLogEvents", json11, "{\"logEvents\":\"x\"}", 400,
                        "InvalidParameterException", "{\"__type\":\"InvalidParameterException\",\"message\":\"1 "
                                + "validation error detected: Value null at 'logGroupName' failed to satisfy "
                                + "constraint: Member must not be null\"}"),
                Arguments.of("POST", "/2015-03-31/functions/nosuch/invocations", null, "application/json", "{}", 404,
                        "ResourceNotFoundException", "{\"Type\":\"User\",\"message\":\"Function not found: "
                                + "arn:aws:lambda:us-east-1:123456789012:function:nosuch\"}"),
                Arguments.of("GET", "/apikeys/nosuchkey0", null, null, "", 404, "NotFoundException",
                        "{\"message\":\"Invalid API Key identifier specified\"}"),
                Arguments.of("GET", "/usageplans/zzzzzz/usage?startDate=2026-12-03&endDate=2026-12-03", null, null, "",
                        404, "NotFoundException", "{\"message\":\"Invalid Usage Plan ID specified\"}"),
                Arguments.of("POST", "/_turnstile/clock", null, "application/json",
                        "{\"advanceMillis\":9223372036854775807}", 400, null, "{\"message\":\"advanceMillis "
                                + "9223372036854775807 would move the clock past 9999-12-31T23:59:59.999Z\"}"),
                Arguments.of("PUT", "/_turnstile/clock", null, "application/json", "{}", 405, null,
                        "{\"message\":\"use GET or POST on /_turnstile/clock\"}"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource
    void unknownOperationsAndBadShapes(String method, String path, String target, String contentType, String body,
                                       int status, String errorType, String expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(services + path)).timeout(Duration.ofSeconds(30))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        assertAnswer(send(b.build()), status, errorType, expected);
    }

    @Test
    void aRefusedClockChangeLeavesTheClockWhereItWas() {
        long before = stage.clock().millis();
        send(HttpRequest.newBuilder(URI.create(services + "/_turnstile/clock"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceMillis\":9223372036854775807}")).build());

        assertThat(stage.clock().millis()).isBetween(before, before + 60_000);
    }

    // ---- slow clients --------------------------------------------------------------------------------------

    @Test
    void slowBodiesOnEveryListenerHoldNoThreadAndAreCutOffAtTheDeadline() throws Exception {
        // more slow senders than each listener has threads (1,024 execute-api, 32 services)
        Duration alone = normalTraffic(0);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 1_100; i++) {
                slow.add(startSlowBody(executeApi, "POST " + executeApi.getPath() + "/items"));
            }
            for (int i = 0; i < 60; i++) {
                slow.add(startSlowBody(services, "POST /"));
            }
            long started = System.nanoTime();
            Duration beside = normalTraffic(100);
            System.out.printf("BadInputIT: 20 writes + 20 clock reads took %d ms alone, %d ms beside %d slow bodies%n",
                    alone.toMillis(), beside.toMillis(), slow.size());
            // a starved pool would hold them until the slow senders gave up: a deadline, not a benchmark
            assertThat(beside).isLessThan(alone.multipliedBy(5).plusSeconds(10));

            // every slow sender gets 408 once the deadline passed since its headers, and its connection closes
            for (Socket s : slow) {
                RawHttp.Answer a = RawHttp.read(s.getInputStream());
                assertThat(a.status()).isEqualTo(408);
                assertThat(a.bodyText()).isEqualTo("{\"message\":\"the request body did not arrive within "
                        + BODY_DEADLINE.toMillis() + " ms\"}");
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BODY_DEADLINE.plusSeconds(60));
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** 20 writes through the gateway and 20 reads of the services port's clock, each answered; how long they took. */
    private static Duration normalTraffic(int first) {
        long started = System.nanoTime();
        for (int i = first; i < first + 20; i++) {
            assertStored(postItem(bytes("{\"beside\":" + i + "}")), Map.of("beside", AttributeValue.fromN(
                    Integer.toString(i))));
            HttpResponse<String> clock = send(HttpRequest.newBuilder(URI.create(services + "/_turnstile/clock"))
                    .timeout(Duration.ofSeconds(10)).build());
            assertThat(clock.statusCode()).isEqualTo(200);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Sends headers promising 100 bytes of body and only the first one. */
    private static Socket startSlowBody(URI uri, String requestLine) throws IOException {
        Socket socket = RawHttp.connect(uri, 60_000);
        socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + key.value()
                + "\r\nauthorizationToken: allow\r\nX-Amz-Target: Logs_20140328.DescribeLogGroups\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    // ---- small things --------------------------------------------------------------------------------------

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
