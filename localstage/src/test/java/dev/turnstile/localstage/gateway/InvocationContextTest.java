package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.model.Route;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each outcome of the context is written once, by its own step; a second write is a bug. */
class InvocationContextTest {

    private static InvocationContext ctx() {
        return new InvocationContext(new GatewayRequest("GET", "/Prod/items/1", null,
                Headers.of("x-amzn-RequestId", "0f0e0d0c-0b0a-4908-8706-050403020100"), null, "203.0.113.9", "HTTP/1.1"),
                1_000L, new ExecutionLog(ExecutionLog.Level.OFF));
    }

    @Test
    void outcomesAreReadAfterTheirOneWrite() {
        InvocationContext c = ctx();
        assertThat(c.route()).isNull();
        assertThat(c.stageMatched()).isTrue(); // before routing, e.g. a 413 from the parse step
        Route route = new Route("GET", "/items/{id}", "res002", null, true, "Writer", 29_000);
        c.route(RouteMatch.method("/items/1", "/Prod/items/1", route, Map.of("id", "1")));
        c.apiKeyValue(null);
        assertThat(c.route()).isSameAs(route);
        assertThat(c.path()).isEqualTo("/items/1");
        assertThat(c.pathParameters()).containsEntry("id", "1");
        assertThat(c.identityApiKey()).isNull();
        assertThat(c.responseLatencyMillis()).isEqualTo(-1);
        c.responseComplete(1_250L);
        assertThat(c.responseLatencyMillis()).isEqualTo(250);
        assertThat(c.completedAtMillis()).isEqualTo(1_250L);
    }

    @Test
    void aSecondWriteIsRefusedWithoutPrintingTheValue() {
        InvocationContext c = ctx();
        c.route(RouteMatch.offStage());
        assertThat(c.stageMatched()).isFalse();
        assertThatThrownBy(() -> c.route(RouteMatch.noMethod("/x", "/Prod/x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the route match of request 0f0e0d0c-0b0a-4908-8706-050403020100 is already set;"
                        + " each outcome is written once, by its own step");
        c.apiKeyValue("AbCdEfGhIjKlMnOpQrSt1234");
        assertThatThrownBy(() -> c.apiKeyValue("other"))
                .isInstanceOf(IllegalStateException.class)
                .message().doesNotContain("AbCdEfGhIjKlMnOpQrSt1234").contains("API key");
        c.authorizer(new AuthorizerOutcome(null, null, 401, "Unauthorized", false));
        assertThatThrownBy(() -> c.authorizer(new AuthorizerOutcome(null, 0L, 200, null, false)))
                .isInstanceOf(IllegalStateException.class);
        c.responseComplete(2_000L);
        assertThatThrownBy(() -> c.responseComplete(2_001L)).isInstanceOf(IllegalStateException.class);
    }
}
