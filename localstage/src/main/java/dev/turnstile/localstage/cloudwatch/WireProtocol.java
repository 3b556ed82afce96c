package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpFields;

/**
 * One of the three wire protocols CloudWatch accepts (docs/aws-behaviour.md §8.2): it decodes a request body into the
 * operation's input as a JSON tree, and encodes an operation's output or error in its own shape. The operations
 * ({@link MetricsApi}) never see which one carried the request.
 */
abstract class WireProtocol {

    /** The operation the request names (from its target header, path or {@code Action}). */
    abstract String operation();

    /** The operation's input; a body that is not this protocol's encoding is a {@link MetricsException}. */
    abstract ObjectNode input();

    /** The HTTP {@code Content-Type} of this protocol's responses. */
    abstract String contentType();

    /** The body of a successful response. */
    abstract byte[] output(Struct output, String requestId);

    /** The body of an error response. */
    abstract byte[] error(MetricsException error, String requestId);

    /**
     * Headers besides {@code Content-Type} and {@code x-amzn-RequestId}. The JSON and CBOR protocols name the Query
     * error code in {@code x-amzn-query-error} ({@code Code;Sender}), because CloudWatch is Query-compatible: that is
     * where clients migrated from Query find the code they know.
     */
    void headers(HttpFields.Mutable headers, MetricsException error) {
        if (error != null) {
            headers.put("x-amzn-query-error", error.code().queryCode() + ";" + error.code().faultType());
        }
    }

    /** Whole epoch seconds with the milliseconds as decimals, the way CloudWatch's JSON writes timestamps. */
    static String epochSeconds(java.time.Instant t) {
        long millis = t.toEpochMilli();
        long seconds = Math.floorDiv(millis, 1000);
        int rest = (int) Math.floorMod(millis, 1000);
        return rest == 0 ? seconds + ".0" : seconds + "." + String.format(java.util.Locale.ROOT, "%03d", rest)
                .replaceAll("0+$", "");
    }
}
