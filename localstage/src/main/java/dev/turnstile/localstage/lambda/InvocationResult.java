package dev.turnstile.localstage.lambda;

import java.nio.charset.StandardCharsets;

/**
 * How one Lambda invocation ended.
 *
 * @param outcome         what happened
 * @param payload         the response payload (function result, or the error object Lambda returns for
 *                        {@code FUNCTION_ERROR}/{@code TIMEOUT}: {@code {"errorMessage":…,"errorType":…}}); empty when none
 * @param errorMessage    error message for failures (e.g. {@code Unauthorized}, {@code Task timed out after 3.00 seconds}), else null
 * @param errorType       error type for failures (e.g. {@code java.lang.RuntimeException}), else null
 * @param lambdaRequestId the Lambda request id (AWS Integration Endpoint RequestId)
 * @param durationMillis  wall time inside the execution environment
 */
public record InvocationResult(
        Outcome outcome,
        byte[] payload,
        String errorMessage,
        String errorType,
        String lambdaRequestId,
        double durationMillis) {

    /** The end of an invocation, as Lambda reports it to its caller. */
    public enum Outcome {
        /** The handler returned; {@code payload} holds its result. */
        SUCCESS,
        /** The handler threw ({@code X-Amz-Function-Error: Unhandled}). */
        FUNCTION_ERROR,
        /** The function exceeded its timeout; its environment was killed. */
        TIMEOUT,
        /** The environment died during the invocation (crash, init error). */
        RUNTIME_ERROR,
        /** No environment could be had within the concurrency limit (Lambda 429 TooManyRequestsException). */
        THROTTLED,
        /** No such function. */
        NOT_FOUND
    }

    /** The payload as UTF-8 text. */
    public String payloadText() {
        return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    }
}
