package dev.turnstile.reports.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Set;

/**
 * Parses one access-log line in the stage's JSON format (field names from the template contract:
 * {@code requestTimeEpoch}, {@code httpMethod}, {@code resourcePath}, {@code status}, {@code apiKeyId},
 * {@code errorResponseType}; unset variables are {@code -}).
 */
public final class AccessLogParser {

    /**
     * Gateway responses raised before the usage-plan step (docs/aws-behaviour.md §2): such requests never touched a
     * token bucket or quota.
     */
    private static final Set<String> BEFORE_USAGE_PLAN = Set.of(
            "MISSING_AUTHENTICATION_TOKEN", "RESOURCE_NOT_FOUND", "UNAUTHORIZED", "ACCESS_DENIED",
            "AUTHORIZER_FAILURE", "AUTHORIZER_CONFIGURATION_ERROR", "INVALID_API_KEY", "EXPIRED_TOKEN",
            "INVALID_SIGNATURE", "BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS",
            "REQUEST_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED");

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Parses a line.
     *
     * @throws IllegalArgumentException naming the problem when the line is not a JSON object with a numeric
     *                                  {@code requestTimeEpoch}, a {@code status} and {@code httpMethod}
     */
    public Arrival parse(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("access-log line is not JSON: " + abbreviate(line), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("access-log line is not a JSON object: " + abbreviate(line));
        }
        long time = number(node, "requestTimeEpoch", line);
        int status = (int) number(node, "status", line);
        String method = required(node, "httpMethod", line);
        // no route matched (403 Missing Authentication Token): API Gateway has no resource, so log the request path
        String resource = optional(node, "resourcePath");
        String path = resource != null ? resource : Objects.requireNonNullElse(optional(node, "path"), "-");
        String keyId = optional(node, "apiKeyId");
        String error = optional(node, "errorResponseType");
        return new Arrival(time, keyId, method + " " + path, status, outcome(error));
    }

    private static Arrival.Outcome outcome(String errorResponseType) {
        if (errorResponseType == null) {
            return Arrival.Outcome.ADMITTED;
        }
        return switch (errorResponseType) {
            case "THROTTLED" -> Arrival.Outcome.THROTTLED;
            case "QUOTA_EXCEEDED" -> Arrival.Outcome.QUOTA_EXCEEDED;
            default -> BEFORE_USAGE_PLAN.contains(errorResponseType) ? Arrival.Outcome.NOT_METERED
                    : Arrival.Outcome.ADMITTED;
        };
    }

    private static String optional(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String text = v.asText();
        return text.isEmpty() || "-".equals(text) ? null : text;
    }

    private static String required(JsonNode node, String field, String line) {
        String v = optional(node, field);
        if (v == null) {
            throw new IllegalArgumentException("access-log line has no " + field + ": " + abbreviate(line));
        }
        return v;
    }

    private static long number(JsonNode node, String field, String line) {
        String v = required(node, field, line);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("access-log field " + field + " is not a number ('" + v + "'): "
                    + abbreviate(line), e);
        }
    }

    private static String abbreviate(String line) {
        return line == null ? "null" : line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
