package dev.turnstile.localstage.logs;

/**
 * A CloudWatch Logs service error: the AWS error type ({@code __type} and {@code x-amzn-ErrorType}) and the
 * message AWS sends. Every one is answered with HTTP 400, as CloudWatch Logs does.
 */
public final class LogsException extends RuntimeException {

    private final String errorType;

    public LogsException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** The AWS error type, e.g. {@code ResourceNotFoundException}. */
    public String errorType() {
        return errorType;
    }

    static LogsException groupNotFound() {
        return new LogsException("ResourceNotFoundException", "The specified log group does not exist.");
    }

    static LogsException streamNotFound() {
        return new LogsException("ResourceNotFoundException", "The specified log stream does not exist.");
    }

    static LogsException groupExists() {
        return new LogsException("ResourceAlreadyExistsException", "The specified log group already exists");
    }

    static LogsException streamExists() {
        return new LogsException("ResourceAlreadyExistsException", "The specified log stream already exists");
    }

    static LogsException invalidParameter(String message) {
        return new LogsException("InvalidParameterException", message);
    }

    static LogsException invalidNextToken() {
        return invalidParameter("The specified nextToken is invalid.");
    }

    /** The AWS form of a constraint violation on one request member. */
    static LogsException validation(String value, String member, String constraint) {
        return invalidParameter("1 validation error detected: Value " + value + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
