package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.authorizer.MethodArn;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.model.StageModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The authorizer step: identity checks, cache, invocation, output validation and policy. */
class AuthorizerStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Fixture f = new Fixture();

    private GatewayResponse token(String value) {
        return f.send("POST", "/Prod/items", "Authorization", value, "x-api-key", Fixture.KEY);
    }

    @Test
    void missingEmptyOrInvalidTokenIs401WithoutInvoking() {
        assertThat(f.send("POST", "/Prod/items", "x-api-key", Fixture.KEY).status()).isEqualTo(401);
        assertThat(token("").status()).isEqualTo(401);
        assertThat(token("Bearer abc").status()).isEqualTo(401);
        assertThat(token("allowX").status()).isEqualTo(401); // full match: a prefix that matches is not enough
        assertThat(f.invoker.count("TokenAuth")).isZero();
        assertThat(f.enforcer.keys).isEmpty();
    }

    @Test
    void identityHeaderLookupIsCaseInsensitiveAndTokenEventIsExact() {
        GatewayResponse r = f.send("POST", "/Prod/items", "authorization", "allow", "X-API-KEY", Fixture.KEY);
        assertThat(r.status()).isEqualTo(201);
        assertThat(f.invoker.lastEvent("TokenAuth")).isEqualTo("{\"type\":\"TOKEN\",\"authorizationToken\":\"allow\","
                + "\"methodArn\":\"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/POST/items\"}");
        assertThat(f.enforcer.keys).containsExactly(Fixture.KEY);
    }

    @Test
    void cacheHitsUntilTtlExpiresOnTheStageClock() {
        assertThat(token("allow").status()).isEqualTo(201);
        assertThat(token("allow").status()).isEqualTo(201);
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(299));
        token("allow");
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(1));
        token("allow");
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(2);
        token("other");
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(3);
    }

    @Test
    void ttlZeroDisablesTheCache() {
        f.tokenTtl = 0;
        token("allow");
        token("allow");
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(2);
    }

    @Test
    void unauthorizedFromTheFunctionIs401AndNotCached() {
        f.invoker.answer("TokenAuth", e -> Doubles.failure(Outcome.FUNCTION_ERROR, "Unauthorized"));
        GatewayResponse r = token("allow");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
        token("allow");
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(2);
    }

    @Test
    void denyIsCached() {
        f.invoker.answer("TokenAuth", e -> Doubles.success("{\"policyDocument\":{\"Statement\":[{\"Action\":"
                + "\"execute-api:Invoke\",\"Effect\":\"Deny\",\"Resource\":[\"*\"]}]}}"));
        assertThat(token("deny").status()).isEqualTo(403);
        assertThat(token("deny").status()).isEqualTo(403);
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(1);
        assertThat(f.invoker.count("Writer")).isZero();
    }

    @Test
    void malformedOutputsAreConfigurationErrorsAndNotCached() {
        String[] outputs = {
                "{\"principalId\":\"u\"}",
                "not json",
                "{\"policyDocument\":{\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]},"
                        + "\"context\":{\"nested\":{\"a\":1}}}",
                "{\"policyDocument\":{\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Maybe\",\"Resource\":\"*\"}]}}",
                "{\"policyDocument\":{\"Version\":\"2012-10-17\"}}",
        };
        int expectedCalls = 0;
        for (String output : outputs) {
            f.invoker.answer("TokenAuth", e -> Doubles.success(output));
            GatewayResponse r = token("allow");
            expectedCalls++;
            assertThat(r.status()).as(output).isEqualTo(500);
            assertThat(r.header("x-amzn-ErrorType")).isEqualTo("AuthorizerConfigurationException");
            assertThat(r.bodyText()).isEqualTo("{\"message\":null}");
            assertThat(f.invoker.count("TokenAuth")).isEqualTo(expectedCalls);
        }
        f.invoker.answer("TokenAuth", e -> Doubles.failure(Outcome.TIMEOUT, "Task timed out after 3.00 seconds"));
        assertThat(token("allow").status()).isEqualTo(500);
    }

    @Test
    void principalAndContextReachTheIntegrationAsStrings() throws Exception {
        assertThat(token("allow").status()).isEqualTo(201);
        JsonNode authorizer = JSON.readTree(f.invoker.lastEvent("Writer")).path("requestContext").path("authorizer");
        assertThat(authorizer.path("principalId").asText()).isEqualTo("user-1");
        assertThat(authorizer.path("tier").asText()).isEqualTo("gold");
        assertThat(authorizer.path("n").isTextual()).isTrue();
        assertThat(authorizer.path("n").asText()).isEqualTo("7");
        assertThat(authorizer.path("b").asText()).isEqualTo("true");
        assertThat(authorizer.path("integrationLatency").isNumber()).isTrue();
    }

    @Test
    void requestAuthorizerNeedsEverySourceAndCachesOnAllValues() throws Exception {
        assertThat(f.send("GET", "/Prod/req?q=1").status()).isEqualTo(401);
        assertThat(f.send("GET", "/Prod/req?q=", "X-Tenant", "t1").status()).isEqualTo(401);
        assertThat(f.send("GET", "/Prod/req", "X-Tenant", "t1").status()).isEqualTo(401);
        assertThat(f.invoker.count("RequestAuth")).isZero();

        assertThat(f.send("GET", "/Prod/req?q=1", "x-tenant", "t1").status()).isEqualTo(201);
        assertThat(f.send("GET", "/Prod/req?q=1", "X-Tenant", "t1").status()).isEqualTo(201);
        assertThat(f.invoker.count("RequestAuth")).isEqualTo(1);
        assertThat(f.send("GET", "/Prod/req?q=2", "X-Tenant", "t1").status()).isEqualTo(201);
        assertThat(f.send("GET", "/Prod/req?q=1", "X-Tenant", "t2").status()).isEqualTo(201);
        assertThat(f.invoker.count("RequestAuth")).isEqualTo(3);

        JsonNode event = JSON.readTree(f.invoker.lastEvent("RequestAuth"));
        assertThat(event.path("type").asText()).isEqualTo("REQUEST");
        assertThat(event.path("methodArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/GET/req");
        assertThat(event.path("resource").asText()).isEqualTo("/req");
        assertThat(event.path("headers").path("X-Tenant").asText()).isEqualTo("t2");
        assertThat(event.path("queryStringParameters").path("q").asText()).isEqualTo("1");
        assertThat(event.path("requestContext").path("resourceId").asText()).isEqualTo("res004");
        assertThat(event.path("requestContext").has("authorizer")).isFalse();
    }

    @Test
    void aRepeatedIdentityHeaderIsCachedUnderTheValueTheFunctionReceived() throws Exception {
        // the function allows tenant "ok" only, reading the single-value headers map (which keeps the last value)
        f.invoker.answer("RequestAuth", e -> {
            try {
                boolean ok = "ok".equals(JSON.readTree(e).path("headers").path("X-Tenant").asText());
                return Doubles.success("{\"principalId\":\"p\",\"policyDocument\":{\"Statement\":[{\"Action\":"
                        + "\"execute-api:Invoke\",\"Effect\":\"" + (ok ? "Allow" : "Deny") + "\",\"Resource\":\"*\"}]}}");
            } catch (java.io.IOException malformed) {
                throw new java.io.UncheckedIOException(malformed);
            }
        });

        assertThat(f.send("GET", "/Prod/req?q=1", "X-Tenant", "deny", "X-Tenant", "ok").status()).isEqualTo(201);
        assertThat(JSON.readTree(f.invoker.lastEvent("RequestAuth")).path("multiValueHeaders").path("X-Tenant"))
                .hasToString("[\"deny\",\"ok\"]");

        // the Allow was cached under "ok", the value judged: a plain "deny" is not served from it
        GatewayResponse denied = f.send("GET", "/Prod/req?q=1", "X-Tenant", "deny");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
        assertThat(f.invoker.count("RequestAuth")).isEqualTo(2);
        assertThat(f.send("GET", "/Prod/req?q=1", "X-Tenant", "ok").status()).isEqualTo(201);
        assertThat(f.invoker.count("RequestAuth")).isEqualTo(2);
    }

    @Test
    void aRepeatedTokenHeaderGivesTheFunctionAndTheCacheTheLastValue() {
        assertThat(f.send("POST", "/Prod/items", "Authorization", "other", "Authorization", "allow",
                "x-api-key", Fixture.KEY).status()).isEqualTo(201);
        assertThat(f.invoker.lastEvent("TokenAuth")).contains("\"authorizationToken\":\"allow\"");
        token("allow");
        assertThat(f.invoker.count("TokenAuth")).isEqualTo(1);
    }

    @Test
    void methodArnUsesRealValuesAndRootEndsWithSlash() {
        StageModel model = f.model();
        assertThat(MethodArn.of(model, "GET", "/"))
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/GET/");
        assertThat(MethodArn.of(model, "DELETE", "/pets/a1b2/"))
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/DELETE/pets/a1b2");
    }

    @Test
    void usageIdentifierKeyFeedsTheUsagePlanWhenTheSourceIsAuthorizer() {
        f.apiKeySource = StageModel.ApiKeySource.AUTHORIZER;
        f.invoker.answer("TokenAuth", e -> Doubles.success("{\"principalId\":\"u\",\"usageIdentifierKey\":\"FromAuthorizer0000001\","
                + "\"policyDocument\":{\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}"));
        assertThat(token("allow").status()).isEqualTo(201);
        assertThat(f.enforcer.keys).containsExactly("FromAuthorizer0000001");
    }
}
