package dev.turnstile.functions.authorizer;

/**
 * Thrown for a token of no known class; API Gateway treats the function error as an authorizer failure (500).
 */
public final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error message, as in the AWS blueprint authorizer. */
    public static final String MESSAGE = "Error: Invalid token";

    /** Creates the failure with the fixed message. */
    public InvalidTokenException() {
        super(MESSAGE, null, false, false);
    }
}
