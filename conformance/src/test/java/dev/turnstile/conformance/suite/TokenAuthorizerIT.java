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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
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
    void keyWithoutTokenIsUnauthorized(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).apiKey(run.profile().key("-standard")).scenario("key-no-token").build()),
                401, "UnauthorizedException", Expect.UNAUTHORIZED);
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

    @Test
    void keyAndDenyIsExplicitDeny(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).apiKey(run.profile().key("-standard")).token("deny").scenario("key-deny").build()),
                403, "AccessDeniedException", Expect.EXPLICIT_DENY);
    }

    @Test
    void keyAndUnauthorizedTokenIsUnauthorized(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).apiKey(run.profile().key("-standard")).token("unauthorized")
                .scenario("key-unauthorized").build()), 401, "UnauthorizedException", Expect.UNAUTHORIZED);
    }

    @Test
    void keyAndAnyOtherTokenIsAuthorizerConfigurationError(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).apiKey(run.profile().key("-standard")).token("bogus-token")
                .scenario("key-other-token").build()), 500, "AuthorizerConfigurationException", Expect.AUTHORIZER_ERROR);
    }

    @Test
    void allowWithoutKeyIsForbidden(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).token("allow").scenario("no-key-allow").build()),
                403, "ForbiddenException", Expect.FORBIDDEN);
    }

    @Test
    void allowWithWrongKeyIsForbidden(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).apiKeyValue("WrongKeyWrongKeyWrongKey0000", null).token("allow")
                .scenario("wrong-key-allow").build()), 403, "ForbiddenException", Expect.FORBIDDEN);
    }

    // The authorizer runs before the API key check (docs/aws-behaviour.md §2 steps 2 and 3): with no valid key, the
    // authorizer's own answer still wins. These two cases are where the order shows.
    @Test
    void noKeyAndNoTokenIsUnauthorized(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).scenario("no-key-no-token").build()),
                401, "UnauthorizedException", Expect.UNAUTHORIZED);
    }

    @Test
    void wrongKeyAndDenyIsExplicitDeny(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(items(run).apiKeyValue("WrongKeyWrongKeyWrongKey0000", null).token("deny")
                .scenario("wrong-key-deny").build()), 403, "AccessDeniedException", Expect.EXPLICIT_DENY);
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
