package dev.turnstile.localstage.dynamodb;

/** DynamoDB could not be provided: Node.js or dynalite missing, the process did not come up, a table failed. */
public class DynamoDbUnavailableException extends RuntimeException {

    public DynamoDbUnavailableException(String message) {
        super(message);
    }

    public DynamoDbUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
