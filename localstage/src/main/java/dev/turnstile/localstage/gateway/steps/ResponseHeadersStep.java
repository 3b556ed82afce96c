package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.Headers;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.TraceHeader;

/**
 * Runs on every response, errors included: {@code x-amzn-RequestId}, {@code x-amz-apigw-id},
 * {@code x-amzn-ErrorType} on gateway errors, {@code X-Amzn-Trace-Id} (the request's {@link TraceHeader}, so the
 * caller's Root, Parent and Sampled: docs/aws-behaviour.md §5.4) once a Lambda integration ran,
 * and {@code Content-Type: application/json} when nothing set one.
 */
public final class ResponseHeadersStep implements GatewayStep {

    @Override
    public void apply(InvocationContext ctx) {
        Headers headers = ctx.response().headers();
        if (!headers.contains("Content-Type")) {
            headers.add("Content-Type", "application/json");
        }
        headers.set("x-amzn-RequestId", ctx.requestId());
        headers.set("x-amz-apigw-id", ctx.extendedRequestId());
        if (ctx.error() != null) {
            headers.set("x-amzn-ErrorType", ctx.error().type().errorType());
        }
        if (ctx.integration() != null) {
            headers.set(TraceHeader.HEADER, ctx.traceHeader().toString()); // the caller's trace, continued
        }
    }
}
