package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * TOKEN authorizer × API key on {@code POST /items} (docs/aws-behaviour.md §1.2, §2): the authorizer runs first — a missing
 * token is 401 {@code {"message":"Unauthorized"}} without an invocation; {@code allow} with a valid key is 200 and
 * stores the item; {@code deny} is 403 explicit deny; {@code unauthorized} is 401; any other token is 500
 * {@code {"message":null}} ({@code AuthorizerConfigurationException}); then the key: none, wrong or disabled → 403
 * {@code {"message":"Forbidden"}}.
 */
@ExtendWith(TurnstileStage.class)
class TokenAuthorizerIT {

    private static StageRequest.Builder items(StageRun run) {
        return StageRequest.to("POST", "/items").json("{\"case\":\"token-authorizer\"}");
    }

    @Test
    void keyAndAllowStoresTheItem(StageRun run, TestReporter reporter) {
        ApiKeyInfo key = run.profile().key("-standard");
        StageResponse response = run.send(items(run).apiKey(key).token("allow").scenario("key-allow").build());
        Expect.status(reporter, response, 200, null);
        Map<String, AttributeValue> item = Items.get(run, response.extendedRequestId());
        assertThat(item.get("ID").s()).isEqualTo(response.extendedRequestId());
        assertThat(item.get("runId").s()).isEqualTo(run.ledger().runId());
        assertThat(item.get("apiKeyId").s()).isEqualTo(key.id());
        assertThat(item.get("principalId").s()).isEqualTo("user");
        assertThat(item.get("payload").m()).isEqualTo(Map.of("case", AttributeValue.fromS("token-authorizer")));
        assertThat(response.bodyText()).contains(response.extendedRequestId());
    }

    /** Which x-api-key a case sends. */
    enum Key { STANDARD, WRONG, NONE }

    /**
     * Every refusal, in the order API Gateway checks (docs/aws-behaviour.md §2 steps 2 and 3): the authorizer runs
     * before the API key check, so with no valid key the authorizer's own answer still wins — the no-key and
     * wrong-key rows with a 401 or an explicit deny are where the order shows.
     */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("key-no-token", Key.STANDARD, null, 401, "UnauthorizedException", Expect.UNAUTHORIZED),
                Arguments.of("key-deny", Key.STANDARD, "deny", 403, "AccessDeniedException", Expect.EXPLICIT_DENY),
                Arguments.of("key-unauthorized", Key.STANDARD, "unauthorized", 401, "UnauthorizedException",
                        Expect.UNAUTHORIZED),
                Arguments.of("key-other-token", Key.STANDARD, "bogus-token", 500, "AuthorizerConfigurationException",
                        Expect.AUTHORIZER_ERROR),
                Arguments.of("no-key-allow", Key.NONE, "allow", 403, "ForbiddenException", Expect.FORBIDDEN),
                Arguments.of("wrong-key-allow", Key.WRONG, "allow", 403, "ForbiddenException", Expect.FORBIDDEN),
                Arguments.of("no-key-no-token", Key.NONE, null, 401, "UnauthorizedException", Expect.UNAUTHORIZED),
                Arguments.of("wrong-key-deny", Key.WRONG, "deny", 403, "AccessDeniedException", Expect.EXPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0}: {3} {4}")
    @MethodSource("refusals")
    void refusedWithItsGatewayResponse(String scenario, Key key, String token, int status, String errorType,
                                       String body, StageRun run, TestReporter reporter) {
        StageRequest.Builder request = items(run).scenario(scenario);
        switch (key) {
            case STANDARD -> request.apiKey(run.profile().key("-standard"));
            case WRONG -> request.apiKeyValue("WrongKeyWrongKeyWrongKey0000", null);
            case NONE -> { }
        }
        if (token != null) {
            request.token(token);
        }
        Expect.response(reporter, run.send(request.build()), status, errorType, body);
    }

    @Test
    void disabledKeyIsForbiddenUntilEnabledAgain(StageRun run, TestReporter reporter) {
        ApiKeyInfo key = run.profile().key("-standard");
        // AWS applies enable/disable with a delay of up to minutes (docs/aws-behaviour.md §3.1): poll
        Duration propagation = run.profile().isLocal() ? Duration.ofSeconds(5) : Duration.ofMinutes(3);
        setEnabled(run, key, false);
        try {
            StageResponse disabled = until(run, key, 403, propagation);
            Expect.response(reporter, disabled, 403, "ForbiddenException", Expect.FORBIDDEN);
        } finally {
            setEnabled(run, key, true);
        }
        assertThat(until(run, key, 200, propagation).status()).as("key enabled again").isEqualTo(200);
    }

    private static void setEnabled(StageRun run, ApiKeyInfo key, boolean enabled) {
        run.clients().apiGateway().updateApiKey(r -> r.apiKey(key.id()).patchOperations(
                p -> p.op(Op.REPLACE).path("/enabled").value(Boolean.toString(enabled))));
    }

    private static StageResponse until(StageRun run, ApiKeyInfo key, int status, Duration within) {
        return await("status " + status + " with key " + key.name()).atMost(within)
                .pollInterval(Duration.ofMillis(run.profile().isLocal() ? 50 : 5_000))
                .until(() -> run.send(items(run).apiKey(key).token("allow").scenario("disabled-key").build()),
                        r -> r.status() == status);
    }
}
