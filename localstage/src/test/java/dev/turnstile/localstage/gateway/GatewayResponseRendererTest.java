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

    private static final String DEFAULT_4XX_TEMPLATE =
            "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}";

    private static GatewayResponseConfig custom(String type, Integer status, Map<String, String> templates,
                                                Map<String, String> headers) {
        return new GatewayResponseConfig(type, status, templates, headers);
    }

    /** Header names in order: what the renderer and the response step put on a gateway response. */
    private static java.util.List<String> headerNames(GatewayResponse r) {
        return r.headers().fields().stream().map(Headers.Field::name).toList();
    }

    private void customiseDefault4xx() {
        f.gatewayResponses.put("DEFAULT_4XX", custom("DEFAULT_4XX", 418, Map.of("application/json", DEFAULT_4XX_TEMPLATE),
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));
    }

    /** docs/aws-behaviour.md §1.3: an uncustomised 4XX type takes DEFAULT_4XX whole — status, template, headers. */
    @Test
    void uncustomisedTypeTakesDefault4xxWhole() {
        customiseDefault4xx();

        GatewayResponse r = f.send("GET", "/Prod/nothing");

        assertThat(r.status()).isEqualTo(418);
        assertThat(r.bodyText())
                .isEqualTo("{\"error\":\"Missing Authentication Token\",\"type\":\"MISSING_AUTHENTICATION_TOKEN\"}");
        assertThat(headerNames(r)).containsExactly("Content-Type", "Access-Control-Allow-Origin", "x-amzn-RequestId",
                "x-amz-apigw-id", "x-amzn-ErrorType");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    }

    /**
     * A type customised with only a header is its own response: its default status (401, not DEFAULT_4XX's 418),
     * its default body (not DEFAULT_4XX's template) and only its own header (observed: GetGatewayResponses after
     * such a PutGatewayResponse reports the type's default status and template and only its own parameters).
     */
    @Test
    void typeCustomisedWithOnlyAHeaderIgnoresDefault4xx() {
        customiseDefault4xx();
        f.gatewayResponses.put("UNAUTHORIZED", custom("UNAUTHORIZED", null, Map.of(),
                Map.of("gatewayresponse.header.X-Echo", "method.request.header.X-In")));

        GatewayResponse r = f.send("POST", "/Prod/items", "X-In", "echoed");

        assertError(r, 401, "UnauthorizedException", "{\"message\":\"Unauthorized\"}", 26);
        assertThat(headerNames(r)).containsExactly("Content-Type", "X-Echo", "x-amzn-RequestId", "x-amz-apigw-id",
                "x-amzn-ErrorType");
        assertThat(r.header("X-Echo")).isEqualTo("echoed");
    }

    @Test
    void typeCustomisedWithOnlyATemplateKeepsItsDefaultStatus() {
        customiseDefault4xx();
        f.gatewayResponses.put("UNAUTHORIZED", custom("UNAUTHORIZED", null,
                Map.of("application/json", "{\"msg\":\"$context.error.message\",\"id\":\"$context.requestId\"}"), Map.of()));

        GatewayResponse r = f.send("POST", "/Prod/items");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.bodyText()).isEqualTo("{\"msg\":\"Unauthorized\",\"id\":\"" + r.header("x-amzn-RequestId") + "\"}");
        assertThat(headerNames(r)).containsExactly("Content-Type", "x-amzn-RequestId", "x-amz-apigw-id",
                "x-amzn-ErrorType");
    }

    @Test
    void typeCustomisedWithOnlyAStatusKeepsItsDefaultBody() {
        customiseDefault4xx();
        f.gatewayResponses.put("MISSING_AUTHENTICATION_TOKEN", custom("MISSING_AUTHENTICATION_TOKEN", 404, Map.of(),
                Map.of()));

        GatewayResponse r = f.send("GET", "/Prod/nothing");

        assertError(r, 404, "MissingAuthenticationTokenException", "{\"message\":\"Missing Authentication Token\"}", 42);
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    /** DEFAULT_4XX with only a header: the 4XX types keep their status and body and gain the header. */
    @Test
    void default4xxWithOnlyAHeaderKeepsEachTypesStatusAndBody() {
        f.gatewayResponses.put("DEFAULT_4XX", custom("DEFAULT_4XX", null, Map.of(),
                Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'https://app.example'")));

        GatewayResponse missing = f.send("GET", "/Prod/nothing");
        assertError(missing, 403, "MissingAuthenticationTokenException",
                "{\"message\":\"Missing Authentication Token\"}", 42);
        assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");

        f.invoker.answer("TokenAuth", e -> Doubles.success("{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":"
                + "{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Deny\",\"Resource\":\"*\"}}}"));
        GatewayResponse denied = f.postItem();
        assertError(denied, 403, "AccessDeniedException",
                "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}", 82);
        assertThat(denied.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    }

    /**
     * DEFAULT_5XX applies whole to an uncustomised 5XX type and not at all to 4XX types; a customised
     * INTEGRATION_FAILURE without a status keeps the observed 502 and the spaced default body.
     */
    @Test
    void default5xxAppliesWholeToUncustomised5xxTypesOnly() {
        f.gatewayResponses.put("DEFAULT_5XX", custom("DEFAULT_5XX", 599, Map.of(),
                Map.of("gatewayresponse.header.X-Fault", "'gateway'")));
        f.gatewayResponses.put("INTEGRATION_FAILURE", custom("INTEGRATION_FAILURE", null, Map.of(),
                Map.of("gatewayresponse.header.X-Fault", "'function'")));
        GatewayResponse missing = f.send("GET", "/Prod/nothing");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.header("X-Fault")).isNull();

        f.invoker.answer("TokenAuth", e -> Doubles.failure(Outcome.FUNCTION_ERROR, "boom"));
        GatewayResponse authorizer = f.postItem();
        assertError(authorizer, 599, "AuthorizerConfigurationException", "{\"message\":null}", 16);
        assertThat(authorizer.header("X-Fault")).isEqualTo("gateway");

        f.invoker.answer("TokenAuth", e -> Doubles.success(Doubles.allowPolicy("*")));
        f.invoker.answer("Writer", e -> Doubles.failure(Outcome.FUNCTION_ERROR, "NPE"));
        GatewayResponse integration = f.postItem();
        assertError(integration, 502, "InternalServerErrorException", "{\"message\": \"Internal server error\"}", 36);
        assertThat(integration.header("X-Fault")).isEqualTo("function");
    }

    @Test
    void clientRequestIdIsHonouredWhenItIsAUuid() {
        String id = "0f0e0d0c-0b0a-4908-8706-050403020100";
        assertThat(f.send("GET", "/Prod/nothing", "X-Amzn-RequestId", id).header("x-amzn-RequestId")).isEqualTo(id);
        assertThat(f.send("GET", "/Prod/nothing", "x-amzn-requestid", "not-a-uuid").header("x-amzn-RequestId"))
                .isNotEqualTo("not-a-uuid").satisfies(v -> assertThat(RequestIds.isUuid(v)).isTrue());
    }
}
