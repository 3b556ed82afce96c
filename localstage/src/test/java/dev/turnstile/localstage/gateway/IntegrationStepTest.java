package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.gateway.steps.IntegrationStep;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Lambda proxy integration: the payload-1.0 event shape and every kind of function response. */
class IntegrationStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Fixture f = new Fixture();

    @Test
    void proxyEventMatchesTheGoldenShape() throws Exception {
        GatewayResponse r = f.send("GET", "/Prod/items/a%20b?x=1&x=2&y=a+b",
                "Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "User-Agent", "curl/8.5.0",
                "X-Multi", "one", "x-multi", "two");
        assertThat(r.status()).isEqualTo(201);
        ObjectNode actual = (ObjectNode) JSON.readTree(f.invoker.lastEvent("Writer"));
        JsonNode ctx = actual.path("requestContext");
        String trace = actual.path("headers").path("X-Amzn-Trace-Id").asText();
        assertThat(trace).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(r.header("X-Amzn-Trace-Id")).matches(trace + ";Parent=[0-9a-f]{16};Sampled=0");
        assertThat(ctx.path("requestId").asText()).isEqualTo(r.header("x-amzn-RequestId"));
        assertThat(ctx.path("extendedRequestId").asText()).isEqualTo(r.header("x-amz-apigw-id"));
        String expected = """
                {"resource":"/items/{id}","path":"/items/a%20b","httpMethod":"GET",
                 "headers":{"Host":"a1b2c3d4e5.execute-api.us-east-1.amazonaws.com","User-Agent":"curl/8.5.0",
                            "X-Multi":"two","X-Amzn-Trace-Id":"TRACE"},
                 "multiValueHeaders":{"Host":["a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"],"User-Agent":["curl/8.5.0"],
                            "X-Multi":["one","two"],"X-Amzn-Trace-Id":["TRACE"]},
                 "queryStringParameters":{"x":"2","y":"a b"},
                 "multiValueQueryStringParameters":{"x":["1","2"],"y":["a b"]},
                 "pathParameters":{"id":"a b"},
                 "stageVariables":null,
                 "requestContext":{"accountId":"123456789012","apiId":"a1b2c3d4e5","deploymentId":"dep001",
                   "domainName":"a1b2c3d4e5.execute-api.us-east-1.amazonaws.com","domainPrefix":"a1b2c3d4e5",
                   "extendedRequestId":"EXT","httpMethod":"GET",
                   "identity":{"accessKey":null,"accountId":null,"caller":null,"cognitoAuthenticationProvider":null,
                     "cognitoAuthenticationType":null,"cognitoIdentityId":null,"cognitoIdentityPoolId":null,
                     "principalOrgId":null,"sourceIp":"203.0.113.9","user":null,"userAgent":"curl/8.5.0","userArn":null},
                   "path":"/Prod/items/a%20b","protocol":"HTTP/1.1","requestId":"RID",
                   "requestTime":"25/Nov/2026:10:00:00 +0000","requestTimeEpoch":1795600800000,
                   "resourceId":"res002","resourcePath":"/items/{id}","stage":"Prod"},
                 "body":null,"isBase64Encoded":false}
                """.replace("TRACE", trace).replace("EXT", r.header("x-amz-apigw-id")).replace("RID", r.header("x-amzn-RequestId"));
        assertThat(actual).isEqualTo(JSON.readTree(expected));
        // field order as AWS writes it
        assertThat(f.invoker.lastEvent("Writer")).startsWith("{\"resource\":\"/items/{id}\",\"path\":\"/items/a%20b\",\"httpMethod\":\"GET\",\"headers\":");
    }

    @Test
    void anEventOverLambdasSixMegabytesIsRefusedWithoutInvokingAndOneByteLessIsSent() {
        String small = "{\"b\":\"\"}";
        f.sendBody("POST", "/Prod/items", small, "Authorization", "allow", "x-api-key", Fixture.KEY);
        // everything in the event but the body's characters has the same length on every request (frozen clock)
        int overhead = f.invoker.lastEvent("Writer").getBytes(StandardCharsets.UTF_8).length - small.length();
        int fits = IntegrationStep.LAMBDA_SYNC_PAYLOAD_LIMIT - overhead - small.length();

        GatewayResponse atLimit = f.sendBody("POST", "/Prod/items", "{\"b\":\"" + "x".repeat(fits) + "\"}",
                "Authorization", "allow", "x-api-key", Fixture.KEY);
        assertThat(atLimit.status()).isEqualTo(201);
        assertThat(f.invoker.lastEvent("Writer").getBytes(StandardCharsets.UTF_8)).hasSize(6_291_456);

        GatewayResponse over = f.sendBody("POST", "/Prod/items", "{\"b\":\"" + "x".repeat(fits + 1) + "\"}",
                "Authorization", "allow", "x-api-key", Fixture.KEY);
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.header("x-amzn-ErrorType")).isEqualTo("RequestTooLargeException");
        assertThat(over.bodyText()).isEqualTo("{\"message\":\"Request Too Large\"}");
        assertThat(f.invoker.count("Writer")).isEqualTo(2);
        assertThat(f.executionLines()).anyMatch(l -> l.endsWith("Execution failed: 6291457 byte payload is too large"
                + " for the RequestResponse invocation type (limit 6291456 bytes)"));
        assertThat(f.accessLines()).last().asString().contains("413");
    }

    @Test
    void apiKeyIdentityOnlyWhenTheMethodRequiresAKeyAndBodiesAreCarried() throws Exception {
        f.postItem();
        JsonNode post = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(post.path("requestContext").path("identity").path("apiKey").asText()).isEqualTo(Fixture.KEY);
        assertThat(post.path("requestContext").path("identity").path("apiKeyId").asText()).isEqualTo("keyid12345");
        assertThat(post.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(post.path("isBase64Encoded").asBoolean()).isFalse();

        f.send("GET", "/Prod/items/1", "x-api-key", Fixture.KEY);
        JsonNode get = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(get.path("requestContext").path("identity").has("apiKey")).isFalse();
        assertThat(get.path("requestContext").path("identity").has("apiKeyId")).isFalse();
        assertThat(get.path("requestContext").has("authorizer")).isFalse();
    }

    @Test
    void nonUtf8BodyIsBase64() throws Exception {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        f.gateway().handle(new GatewayRequest("GET", "/Prod/items/1", null, Headers.create(), body, "1.1.1.1", "HTTP/1.1"));
        JsonNode event = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(event.path("body").asText()).isEqualTo("//4AQQ==");
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
    }

    /** One function result per line → status, header checked, body. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"statusCode\":200}                                              | 200 | Content-Type | application/json | ``",
            "{\"headers\":{\"test-header\":\"value\"}}                         | 200 | test-header  | value            | ``",
            "{\"statusCode\":\"201\"}                                          | 201 | Content-Type | application/json | ``",
            "{\"statusCode\":\"test\"}                                         | 502 | x-amzn-ErrorType | InternalServerErrorException | {\"message\": \"Internal server error\"}",
            "{\"statusCode\":200,\"wrongValue\":\"value\"}                     | 502 | x-amzn-ErrorType | InternalServerErrorException | {\"message\": \"Internal server error\"}",
            "\"justAString\"                                                  | 502 | x-amzn-ErrorType | InternalServerErrorException | {\"message\": \"Internal server error\"}",
            "not json at all                                                  | 502 | x-amzn-ErrorType | InternalServerErrorException | {\"message\": \"Internal server error\"}",
            "{\"statusCode\":200,\"headers\":{\"header-bool\":true}}           | 200 | header-bool  | true             | ``",
            "{\"statusCode\":200,\"headers\":null}                             | 200 | Content-Type | application/json | ``",
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value1\",\"value2\"]}} | 200 | test-multi | `value1, value2` | ``",
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value-multi\"]},\"headers\":{\"test-multi\":\"value-solo\"}} | 200 | test-multi | `value-multi, value-solo` | ``",
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":\"value1\"}} | 502 | x-amzn-ErrorType | InternalServerErrorException | {\"message\": \"Internal server error\"}",
            "{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\",\"isBase64Encoded\":true} | 200 | Content-Type | application/json | dGVzdC1kYXRh",
            "{\"statusCode\":404,\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":\"nope\"} | 404 | Content-Type | text/plain | nope",
    })
    void responseContract(String result, int status, String header, String headerValue, String body) {
        f.invoker.answer("Writer", e -> Doubles.success(result));
        GatewayResponse r = f.send("GET", "/Prod/items/1");
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header(header)).isEqualTo(headerValue);
        assertThat(r.bodyText()).isEqualTo(body);
        assertThat(r.header("x-amzn-RequestId")).isNotNull();
        assertThat(r.header("X-Amzn-Trace-Id")).startsWith("Root=1-");
    }

    @Test
    void multiValueHeadersCasingWins() {
        f.invoker.answer("Writer", e -> Doubles.success("{\"statusCode\":200,\"multiValueHeaders\":{\"tesT-Multi\":[\"value-multi\"]},"
                + "\"headers\":{\"test-multi\":\"value-solo\"}}"));
        GatewayResponse r = f.send("GET", "/Prod/items/1");
        assertThat(r.headers().fields()).contains(new Headers.Field("tesT-Multi", "value-multi, value-solo"));
    }

    @Test
    void functionFailuresMapTo502AndLambdaThrottlingTo500() {
        for (Outcome outcome : new Outcome[] {Outcome.FUNCTION_ERROR, Outcome.TIMEOUT, Outcome.RUNTIME_ERROR}) {
            f.invoker.answer("Writer", e -> Doubles.failure(outcome, "boom"));
            assertThat(f.send("GET", "/Prod/items/1").status()).as(outcome.name()).isEqualTo(502);
        }
        f.invoker.answer("Writer", e -> Doubles.failure(Outcome.THROTTLED, "Rate Exceeded."));
        assertThat(f.send("GET", "/Prod/items/1").status()).isEqualTo(500);
        f.invoker.answer("Writer", e -> Doubles.failure(Outcome.NOT_FOUND, "Function not found"));
        assertThat(f.send("GET", "/Prod/items/1").status()).isEqualTo(500);
    }

    @Test
    void integrationTimeoutAbandonsTheFutureWith504() {
        f.integrationTimeoutMillis = 100;
        CompletableFuture<dev.turnstile.localstage.lambda.InvocationResult> never = new CompletableFuture<>();
        f.invoker.answerAsync("Writer", e -> never);
        long start = System.nanoTime();
        GatewayResponse r = f.send("GET", "/Prod/items/1");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.bodyText()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
        assertThat(tookMs).isBetween(100L, 5_000L);
    }
}
