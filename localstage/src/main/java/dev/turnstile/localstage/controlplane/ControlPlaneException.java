package dev.turnstile.localstage.controlplane;

/**
 * An API Gateway control-plane error: rendered as the status, {@code x-amzn-ErrorType} header and
 * {@code {"message":…}} body the AWS SDK maps to its typed exception.
 */
public final class ControlPlaneException extends RuntimeException {

    private final int status;
    private final String errorType;

    public ControlPlaneException(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    /** 404 {@code NotFoundException}. */
    public static ControlPlaneException notFound(String message) {
        return new ControlPlaneException(404, "NotFoundException", message);
    }

    /** 400 {@code BadRequestException}. */
    public static ControlPlaneException badRequest(String message) {
        return new ControlPlaneException(400, "BadRequestException", message);
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
