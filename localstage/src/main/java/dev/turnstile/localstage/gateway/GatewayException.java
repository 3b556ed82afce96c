package dev.turnstile.localstage.gateway;

import java.util.Objects;

/**
 * Stops the pipeline with a gateway response. Carries no stack trace: it is control flow on hot paths
 * (throttled and missing-route requests), and its cause, when any, is kept for the execution log.
 */
public final class GatewayException extends RuntimeException {

    private final GatewayResponseType type;
    private final String errorMessage;
    private final int status;

    /**
     * @param type         the gateway response type
     * @param errorMessage {@code $context.error.message}, e.g. {@code Unauthorized}; null renders {@code null}
     */
    public GatewayException(GatewayResponseType type, String errorMessage) {
        this(type, errorMessage, type.defaultStatus(), null);
    }

    /**
     * @param status the observed status when it differs from the type's default (502/500 for Lambda proxy failures)
     */
    public GatewayException(GatewayResponseType type, String errorMessage, int status, Throwable cause) {
        super(type + ": " + errorMessage, cause, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.errorMessage = errorMessage;
        this.status = status;
    }

    public GatewayResponseType type() {
        return type;
    }

    /** {@code $context.error.message}; null when the response carries {@code {"message":null}}. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The uncustomised status of this error. */
    public int status() {
        return status;
    }
}
