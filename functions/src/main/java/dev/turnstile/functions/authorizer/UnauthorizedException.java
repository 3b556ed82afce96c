package dev.turnstile.functions.authorizer;

/**
 * Thrown to make API Gateway answer 401: it matches the function error message {@code Unauthorized} exactly.
 */
public final class UnauthorizedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exact error message API Gateway recognises. */
    public static final String MESSAGE = "Unauthorized";

    /** Creates the rejection; the message is fixed because API Gateway compares it byte for byte. */
    public UnauthorizedException() {
        super(MESSAGE, null, false, false);
    }
}
