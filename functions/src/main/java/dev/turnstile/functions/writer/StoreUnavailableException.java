package dev.turnstile.functions.writer;

/**
 * DynamoDB could not be reached, or failed on its side (HTTP 5xx), after the SDK's retries: answered with 503,
 * nothing stored. A client may retry: the outage is the table's, not the request's.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Wraps the SDK's final error. */
    public StoreUnavailableException(RuntimeException cause) {
        super("DynamoDB is unavailable after the SDK's retries: " + cause.getMessage(), cause);
    }
}
