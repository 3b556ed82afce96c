package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayResponse;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.integration.ProxyResponseParser.ProxyResponse;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.time.StageClock;

/**
 * The method response: a Lambda proxy integration passes the function's status, headers and body
 * through unchanged (no mapping templates).
 */
public final class MethodResponseStep implements GatewayStep {

    private final StageClock clock;

    public MethodResponseStep(StageClock clock) {
        this.clock = clock;
    }

    @Override
    public void apply(InvocationContext ctx) {
        ProxyResponse integration = ctx.integration() == null ? null : ctx.integration().response();
        if (integration == null) {
            throw new IllegalStateException("method response without an integration response for " + ctx.requestId());
        }
        ctx.response(new GatewayResponse(integration.statusCode(), integration.headers(), integration.body()));
        ExecutionLog log = ctx.executionLog();
        if (log.infoEnabled()) {
            log.info(clock.millis(), "Method response headers: " + integration.headers().fields().stream()
                    .map(f -> f.name() + "=" + f.value()).collect(java.util.stream.Collectors.joining(", ", "{", "}")));
            log.info(clock.millis(), "Successfully completed execution");
        }
    }
}
