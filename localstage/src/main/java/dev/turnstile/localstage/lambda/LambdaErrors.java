package dev.turnstile.localstage.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The error payloads Lambda itself returns when a function did not answer (timeout, runtime exit, throttle). */
final class LambdaErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaErrors() {
    }

    /** {@code Task timed out after 3.00 seconds}. */
    static String timedOutMessage(int timeoutSeconds) {
        return String.format(Locale.ROOT, "Task timed out after %.2f seconds", (double) timeoutSeconds);
    }

    /** A result Lambda builds itself: payload {@code {"errorType":…,"errorMessage":"RequestId: <id> Error: …"}}. */
    static InvocationResult platformError(InvocationResult.Outcome outcome, String requestId, String errorType,
                                          String message, double durationMillis) {
        ObjectNode body = JSON.createObjectNode();
        body.put("errorType", errorType);
        body.put("errorMessage", "RequestId: " + requestId + " Error: " + message);
        return new InvocationResult(outcome, body.toString().getBytes(StandardCharsets.UTF_8), message, errorType,
                requestId, durationMillis);
    }

    /** A function error as posted by the runtime: the body is the payload, its fields name the error. */
    static InvocationResult functionError(String requestId, byte[] body, String errorTypeHeader, double durationMillis) {
        String message = null;
        String type = errorTypeHeader;
        try {
            var node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                message = node.path("errorMessage").isTextual() ? node.get("errorMessage").asText() : null;
                if (node.path("errorType").isTextual()) {
                    type = node.get("errorType").asText();
                }
            }
        } catch (java.io.IOException e) {
            // a runtime may post a non-JSON error body; Lambda passes it through, and so do we
            message = new String(body, StandardCharsets.UTF_8);
        }
        return new InvocationResult(InvocationResult.Outcome.FUNCTION_ERROR, body, message, type, requestId,
                durationMillis);
    }
}
