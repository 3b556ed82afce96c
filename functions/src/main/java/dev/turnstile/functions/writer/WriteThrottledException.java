package dev.turnstile.functions.writer;

/**
 * DynamoDB still throttled the write after the SDK's retries: answered with 503, nothing stored.
 */
public final class WriteThrottledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Wraps the SDK's final throttling error. */
    public WriteThrottledException(RuntimeException cause) {
        super("DynamoDB throttled the write after the SDK's retries: " + cause.getMessage(), cause);
    }
}
