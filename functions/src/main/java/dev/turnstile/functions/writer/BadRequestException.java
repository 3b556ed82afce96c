package dev.turnstile.functions.writer;

/**
 * The request cannot be stored as sent (not a JSON object, malformed, or not representable in DynamoDB):
 * answered with 400 and the reason, nothing stored.
 */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A rejection whose message is shown to the client as is. */
    public BadRequestException(String message) {
        super(message);
    }
}
