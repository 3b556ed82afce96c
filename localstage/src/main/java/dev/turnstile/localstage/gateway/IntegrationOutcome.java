package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.gateway.integration.ProxyResponseParser.ProxyResponse;

/**
 * What the Lambda proxy integration step got ({@code $context.integration.*}). Written once by that step, on
 * every way out of it; absent when the request stopped before the integration.
 *
 * @param traceId         the X-Ray trace id sent to the function ({@code X-Amzn-Trace-Id})
 * @param latencyMillis   integration latency on the stage clock, or null when Lambda gave no answer to time
 * @param serviceStatus   status of the Lambda Invoke call itself (200; 429 throttled; 404 no such function), or null
 * @param lambdaRequestId Lambda's request id for the invocation, or null when there was none
 * @param response        the function's validated proxy response, or null when the integration failed
 * @param error           {@code $context.integration.error}, or null on success
 */
public record IntegrationOutcome(String traceId, Long latencyMillis, Integer serviceStatus, String lambdaRequestId,
                                 ProxyResponse response, String error) {

    /** {@code $context.integration.status}: the status the function put in its proxy response, or null. */
    public Integer status() {
        return response == null ? null : response.statusCode();
    }
}
