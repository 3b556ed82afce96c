package dev.turnstile.localstage.cloudwatch;

/**
 * A CloudWatch service error in the shapes of the service model ({@code monitoring-2010-08-01}): the error shape
 * ({@code __type} of the JSON and CBOR protocols), the Query protocol's code (also sent as
 * {@code x-amzn-query-error}), the HTTP status and whether the caller is at fault (docs/aws-behaviour.md §8.2).
 */
final class MetricsException extends RuntimeException {

    /** The Smithy namespace CloudWatch puts before every error shape in {@code __type} (observed). */
    static final String SHAPE_NAMESPACE = "com.amazonaws.cloudwatch.v2010_08_01#";

    /**
     * What identifies an error on the wire.
     *
     * @param shape     the error shape, e.g. {@code InvalidParameterValueException}
     * @param queryCode the Query protocol's code, e.g. {@code InvalidParameterValue}
     * @param status    the HTTP status
     * @param sender    whether the caller is at fault ({@code Sender}) or the service ({@code Receiver})
     */
    record Code(String shape, String queryCode, int status, boolean sender) {

        /** {@code Sender} or {@code Receiver}, the Query protocol's fault type. */
        String faultType() {
            return sender ? "Sender" : "Receiver";
        }

        /** The member carrying the message: {@code Message} for {@code InternalServiceFault}, else {@code message}. */
        String messageMember() {
            return "InternalServiceFault".equals(shape) ? "Message" : "message";
        }
    }

    private final Code code;

    private MetricsException(String shape, String queryCode, int status, boolean sender, String message) {
        super(message);
        this.code = new Code(shape, queryCode, status, sender);
    }

    static MetricsException invalidValue(String message) {
        return new MetricsException("InvalidParameterValueException", "InvalidParameterValue", 400, true, message);
    }

    static MetricsException invalidCombination(String message) {
        return new MetricsException("InvalidParameterCombinationException", "InvalidParameterCombination", 400, true,
                message);
    }

    /** A required member is absent: {@code The parameter Namespace is required.} */
    static MetricsException missing(String member) {
        return new MetricsException("MissingRequiredParameterException", "MissingParameter", 400, true,
                "The parameter " + member + " is required.");
    }

    static MetricsException invalidNextToken() {
        return new MetricsException("InvalidNextToken", "InvalidNextToken", 400, true, "The specified NextToken is invalid.");
    }

    /** An operation CloudWatch has but the local stage does not serve, or one CloudWatch does not have. */
    static MetricsException unknownOperation(String operation) {
        return new MetricsException("UnknownOperationException", "InvalidAction", 400, true,
                "The local stage's CloudWatch serves ListMetrics, GetMetricData and GetMetricStatistics; '" + operation
                        + "' is not served.");
    }

    /** A body that is not the protocol's encoding. */
    static MetricsException malformed(String message) {
        return new MetricsException("SerializationException", "MalformedInput", 400, true, message);
    }

    /** A failure of the local stage itself, in the shape CloudWatch reports its own. */
    static MetricsException internal(String message) {
        return new MetricsException("InternalServiceFault", "InternalServiceError", 500, false, message);
    }

    Code code() {
        return code;
    }
}
