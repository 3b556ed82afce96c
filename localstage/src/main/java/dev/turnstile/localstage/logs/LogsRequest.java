package dev.turnstile.localstage.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Typed access to one JSON 1.1 request body; wrong types are SerializationException, as AWS answers them. */
final class LogsRequest {

    private final ObjectNode body;

    LogsRequest(ObjectNode body) {
        this.body = body;
    }

    boolean has(String member) {
        JsonNode node = body.get(member);
        return node != null && !node.isNull();
    }

    String string(String member) {
        JsonNode node = present(member);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(member, "a string");
        }
        return node.textValue();
    }

    String requiredString(String member) {
        String value = string(member);
        if (value == null) {
            throw LogsException.validation("null", member, "Member must not be null");
        }
        return value;
    }

    Long longValue(String member) {
        JsonNode node = present(member);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(member, "an integer");
        }
        return node.longValue();
    }

    Integer intValue(String member) {
        Long value = longValue(member);
        if (value == null) {
            return null;
        }
        if (value != value.intValue()) {
            throw wrongType(member, "a 32-bit integer");
        }
        return value.intValue();
    }

    Boolean bool(String member) {
        JsonNode node = present(member);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(member, "a boolean");
        }
        return node.booleanValue();
    }

    /** A list member as raw nodes (null when absent). */
    List<JsonNode> list(String member) {
        JsonNode node = present(member);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw wrongType(member, "a list");
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    List<String> strings(String member) {
        List<JsonNode> items = list(member);
        if (items == null) {
            return null;
        }
        List<String> values = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw wrongType(member, "a list of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** An integer member within [min, max], with AWS's constraint messages. */
    Integer boundedInt(String member, int min, int max) {
        Integer value = intValue(member);
        if (value != null && value < min) {
            throw LogsException.validation("'" + value + "'", member,
                    "Member must have value greater than or equal to " + min);
        }
        if (value != null && value > max) {
            throw LogsException.validation("'" + value + "'", member,
                    "Member must have value less than or equal to " + max);
        }
        return value;
    }

    private JsonNode present(String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node;
    }

    static LogsException wrongType(String member, String expected) {
        return new LogsException("SerializationException", "'" + member + "' must be " + expected);
    }
}
