package dev.turnstile.functions.writer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a request body that must be one JSON object, with a reason the client can act on when it is not.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws BadRequestException when the body is absent, blank, malformed, or JSON of another type
     */
    public static ObjectNode jsonObject(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = WriterJson.MAPPER.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new BadRequestException("request body is not valid JSON: " + malformed.getOriginalMessage()
                    + where(malformed.getLocation()));
        }
        if (!node.isObject()) {
            throw new BadRequestException("request body must be a JSON object, not " + describe(node));
        }
        return (ObjectNode) node;
    }

    /** "an array", "a string", … for messages about a value of the wrong JSON type. */
    public static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
