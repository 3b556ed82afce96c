package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.model.GatewayResponseConfig;
import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every gateway response that applies to REST + Lambda, byte for byte, plus customised responses. */
class GatewayResponseRendererTest {

    private final Fixture f = new Fixture();

    static void assertError(GatewayResponse r, int status, String errorType, String body, int bytes) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo(errorType);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).hasSize(bytes);
        assertThat(RequestIds.isUuid(r.header("x-amzn-RequestId"))).isTrue();
        assertThat(r.header("x-amz-apigw-id")).hasSize(16).endsWith("=");
    }

    @Test
    void unknownPathAndWrongVerbAreMissingAuthenticationToken() {
        assertError(f.send("GET", "/Prod/nothing"), 403, "MissingAuthenticationTokenException",
                "{\"message\":\"Missing Authentication Token\"}", 42);
        assertError(f.send("DELETE", "/Prod/items"), 403, "MissingAuthenticationTokenException",
                "{\"message\":\"Missing Authentication Token\"}", 42);
        assertError(f.send("GET", "/Beta/items/1"), 403, "MissingAuthenticationTokenException",
                "{\"message\":\"Missing Authentication Token\"}", 42);
    }

    @Test
    void invalidApiKeyIsForbidden() {
        f.enforcer.verdict = Verdict.INVALID_API_KEY;
        assertError(f.postItem(), 403, "ForbiddenException", "{\"message\":\"Forbidden\"}", 23);
    }

    @Test
    void missingIdentityIsUnauthorized() {
        assertError(f.send("POST", "/Prod/items", "x-api-key", Fixture.KEY), 401, "UnauthorizedException",
                "{\"message\":\"Unauthorized\"}", 26);
    }

    @Test
    void explicitAndImplicitDenyUseCapitalMessage() {
        f.invoker.answer("TokenAuth", e -> Doubles.success("{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":"
                + "{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Deny\",\"Resource\":\"*\"}}}"));
        assertError(f.postItem(), 403, "AccessDeniedException",
                "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}", 82);

        Fixture other = new Fixture();
        other.invoker.answer("TokenAuth", e -> Doubles.success(Doubles.allowPolicy("arn:aws:execute-api:*:*:*/Prod/GET/*")));
        assertError(other.postItem(), 403, "AccessDeniedException",
                "{\"Message\":\"User is not authorized to access this resource\"}", 60);
    }

    @Test
    void authorizerFailureIsConfigurationError() {
        f.invoker.answer("TokenAuth", e -> Doubles.failure(Outcome.FUNCTION_ERROR, "boom"));
        assertError(f.postItem(), 500, "AuthorizerConfigurationException", "{\"message\":null}", 16);
    }

    @Test
    void throttleAndQuota() {
        f.enforcer.verdict = Verdict.THROTTLED;
        assertError(f.postItem(), 429, "TooManyRequestsException", "{\"message\":\"Too Many Requests\"}", 31);
        f.enforcer.verdict = Verdict.QUOTA_EXCEEDED;
        assertError(f.postItem(), 429, "LimitExceededException", "{\"message\":\"Limit Exceeded\"}", 28);
    }

    @Test
    void integrationErrorsCarryTheSpace() {
        f.invoker.answer("Writer", e -> Doubles.success("\"justAString\""));
        assertError(f.postItem(), 502, "InternalServerErrorException", "{\"message\": \"Internal server error\"}", 36);
        f.invoker.answer("Writer", e -> Doubles.failure(Outcome.FUNCTION_ERROR, "NPE"));
        assertError(f.postItem(), 502, "InternalServerErrorException", "{\"message\": \"Internal server error\"}", 36);
        f.invoker.answer("Writer", e -> Doubles.failure(Outcome.THROTTLED, "Rate Exceeded."));
        assertError(f.postItem(), 500, "InternalServerErrorException", "{\"message\": \"Internal server error\"}", 36);
    }

    @Test
    void integrationTimeoutIs504() {
        f.integrationTimeoutMillis = 50;
        f.invoker.answerAsync("Writer", e -> new CompletableFuture<>());
        assertError(f.postItem(), 504, "InternalServerErrorException", "{\"message\": \"Endpoint request timed out\"}", 41);
    }

    @Test
    void requestTooLarge() {
        GatewayResponse r = f.gateway().handle(new GatewayRequest("POST", "/Prod/items", null, Headers.create(),
                null, "1.2.3.4", "HTTP/1.1", true));
        assertError(r, 413, "RequestTooLargeException", "{\"message\":\"Request Too Large\"}", 31);
    }

    @Test
    void ownCustomisationBeatsDefault4xxAndMapsHeaders() {
        f.gatewayResponses.put("DEFAULT_4XX", new GatewayResponseConfig("DEFAULT_4XX", 418,
                Map.of("application/json", "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}"),
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));
        f.gatewayResponses.put("UNAUTHORIZED", new GatewayResponseConfig("UNAUTHORIZED", null,
                Map.of("application/json", "{\"msg\":\"$context.error.message\",\"id\":\"$context.requestId\"}"),
                Map.of("gatewayresponse.header.X-Echo", "method.request.header.X-In")));

        GatewayResponse forbidden = f.send("GET", "/Prod/nothing");
        assertThat(forbidden.status()).isEqualTo(418);
        assertThat(forbidden.bodyText()).isEqualTo("{\"error\":\"Missing Authentication Token\",\"type\":\"MISSING_AUTHENTICATION_TOKEN\"}");
        assertThat(forbidden.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(forbidden.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");

        GatewayResponse unauthorized = f.send("POST", "/Prod/items", "X-In", "echoed");
        assertThat(unauthorized.status()).isEqualTo(418); // DEFAULT_4XX status applies: UNAUTHORIZED sets none
        assertThat(unauthorized.bodyText())
                .isEqualTo("{\"msg\":\"Unauthorized\",\"id\":\"" + unauthorized.header("x-amzn-RequestId") + "\"}");
        assertThat(unauthorized.header("X-Echo")).isEqualTo("echoed");
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void default5xxDoesNotTouch4xx() {
        f.gatewayResponses.put("DEFAULT_5XX", new GatewayResponseConfig("DEFAULT_5XX", 503, Map.of(), Map.of()));
        assertThat(f.send("GET", "/Prod/nothing").status()).isEqualTo(403);
        f.invoker.answer("TokenAuth", e -> Doubles.failure(Outcome.FUNCTION_ERROR, "boom"));
        GatewayResponse r = f.postItem();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).isEqualTo("{\"message\":null}");
    }

    @Test
    void clientRequestIdIsHonouredWhenItIsAUuid() {
        String id = "0f0e0d0c-0b0a-4908-8706-050403020100";
        assertThat(f.send("GET", "/Prod/nothing", "X-Amzn-RequestId", id).header("x-amzn-RequestId")).isEqualTo(id);
        assertThat(f.send("GET", "/Prod/nothing", "x-amzn-requestid", "not-a-uuid").header("x-amzn-RequestId"))
                .isNotEqualTo("not-a-uuid").satisfies(v -> assertThat(RequestIds.isUuid(v)).isTrue());
    }
}
