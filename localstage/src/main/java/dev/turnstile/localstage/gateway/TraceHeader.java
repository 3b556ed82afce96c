package dev.turnstile.localstage.gateway;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The X-Ray trace header a request carries through the stage, {@code Root=…;Parent=…;Sampled=…}
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader). A caller's
 * header with a valid {@code Root} is kept — its root, and its {@code Parent} and {@code Sampled} when valid — so
 * the response and the function see the caller's trace (docs/aws-behaviour.md §5.4); a missing or malformed header
 * gets a fresh trace. What the caller left out is filled in: a new segment id as {@code Parent}, {@code Sampled=0}
 * (the stage does not sample: passive tracing).
 *
 * @param root    the trace id, {@code 1-<8 hex>-<24 hex>}
 * @param parent  the parent segment id, 16 hex characters
 * @param sampled {@code 0}, {@code 1} or {@code ?} (the decision left to the next service)
 */
public record TraceHeader(String root, String parent, String sampled) {

    /** The request and response header's name. */
    public static final String HEADER = "X-Amzn-Trace-Id";

    private static final Pattern ROOT = Pattern.compile("1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}");
    private static final Pattern PARENT = Pattern.compile("[0-9a-fA-F]{16}");
    private static final Pattern SAMPLED = Pattern.compile("[01?]");

    /** The caller's trace when {@code header} has a valid {@code Root}, completed; else a fresh one at {@code epochMillis}. */
    public static TraceHeader forRequest(String header, long epochMillis) {
        String root = null;
        String parent = null;
        String sampled = null;
        if (header != null) {
            for (String field : header.split(";")) {
                int eq = field.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = field.substring(eq + 1).strip();
                switch (field.substring(0, eq).strip().toLowerCase(Locale.ROOT)) {
                    case "root" -> root = ROOT.matcher(value).matches() ? value : null;
                    case "parent" -> parent = PARENT.matcher(value).matches() ? value : null;
                    case "sampled" -> sampled = SAMPLED.matcher(value).matches() ? value : null;
                    default -> { } // Self, Lineage and custom fields are not carried
                }
            }
        }
        if (root == null) {
            // no trace to continue: a malformed header is treated as absent, its other fields with it
            return new TraceHeader(RequestIds.traceId(epochMillis), RequestIds.segmentId(), "0");
        }
        return new TraceHeader(root, parent != null ? parent : RequestIds.segmentId(), sampled != null ? sampled : "0");
    }

    /** {@code Root=<trace id>}: what API Gateway adds to a request that came without a trace header. */
    public String rootField() {
        return "Root=" + root;
    }

    /** The header value, {@code Root=…;Parent=…;Sampled=…}. */
    @Override
    public String toString() {
        return "Root=" + root + ";Parent=" + parent + ";Sampled=" + sampled;
    }
}
