package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayResponseType;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;

/**
 * First step: refuses payloads over the 10 MB limit
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html;
 * 413 REQUEST_TOO_LARGE, whose body AWS does not document: docs/aws-behaviour.md §12) before any
 * method-specific work.
 */
public final class ParseStep implements GatewayStep {

    private final long maxBodyBytes;

    public ParseStep(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void apply(InvocationContext ctx) {
        if (ctx.request().bodyTooLarge() || ctx.request().body().length > maxBodyBytes) {
            throw new GatewayException(GatewayResponseType.REQUEST_TOO_LARGE, "Request Too Large");
        }
    }
}
