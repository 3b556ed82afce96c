package dev.turnstile.localstage.cloudformation;

/**
 * A CloudFormation error in the AWS Query shape: HTTP status, {@code Error/Type} ({@code Sender} or
 * {@code Receiver}), {@code Error/Code} and {@code Error/Message}.
 */
public final class CloudFormationException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;

    public CloudFormationException(int status, String type, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    /** 400 {@code ValidationError}: what CloudFormation answers for an unknown stack or a bad parameter. */
    public static CloudFormationException validation(String message) {
        return new CloudFormationException(400, "Sender", "ValidationError", message);
    }

    /** 403 {@code AccessDenied}: IAM refused the call. */
    public static CloudFormationException accessDenied(String message) {
        return new CloudFormationException(403, "Sender", "AccessDenied", message);
    }

    /** 400 {@code InvalidAction}: an action CloudFormation (or this face) does not have. */
    public static CloudFormationException invalidAction(String action) {
        return new CloudFormationException(400, "Sender", "InvalidAction",
                "The action " + action + " is not valid for this web service.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }
}
