package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to one structure of an operation's input, whichever protocol carried it: JSON and CBOR give numbers
 * and lists, the Query protocol gives text for everything, so numbers, booleans and timestamps are also read from
 * text. {@code path} is the member path AWS names in its messages ({@code MetricDataQueries.member.1}).
 */
final class MetricsRequest {

    private final JsonNode node;
    private final String path;

    MetricsRequest(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The whole input of an operation. */
    static MetricsRequest of(JsonNode input) {
        return new MetricsRequest(input, "");
    }

    boolean has(String member) {
        return present(member) != null;
    }

    String string(String member) {
        JsonNode v = present(member);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw MetricsException.invalidValue("The parameter " + name(member) + " must be a string.");
        }
        return v.textValue();
    }

    String requiredString(String member) {
        String v = string(member);
        if (v == null || v.isEmpty()) {
            throw MetricsException.missing(name(member));
        }
        return v;
    }

    Integer integer(String member) {
        JsonNode v = present(member);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual() && v.textValue().matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(v.textValue());
        }
        throw MetricsException.invalidValue("The parameter " + name(member) + " must be an integer.");
    }

    int requiredInteger(String member) {
        Integer v = integer(member);
        if (v == null) {
            throw MetricsException.missing(name(member));
        }
        return v;
    }

    Boolean bool(String member) {
        JsonNode v = present(member);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && ("true".equals(v.textValue()) || "false".equals(v.textValue()))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw MetricsException.invalidValue("The parameter " + name(member) + " must be true or false.");
    }

    /** A timestamp: epoch seconds (JSON, CBOR, or text) or ISO 8601 text (Query). */
    Instant requiredTimestamp(String member) {
        JsonNode v = present(member);
        if (v == null) {
            throw MetricsException.missing(name(member));
        }
        try {
            if (v.isNumber()) {
                return epochSeconds(v.decimalValue());
            }
            if (v.isTextual()) {
                String text = v.textValue().trim();
                return text.matches("-?[0-9]+(\\.[0-9]+)?") ? epochSeconds(new BigDecimal(text)) : Instant.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // answered below
        }
        throw MetricsException.invalidValue("The parameter " + name(member)
                + " must be a timestamp: ISO 8601 (2016-10-03T23:00:00Z) or epoch seconds.");
    }

    /** A list member (empty when absent, or given as an empty Query field). */
    List<MetricsRequest> structures(String member) {
        List<MetricsRequest> out = new ArrayList<>();
        int i = 1;
        for (JsonNode item : list(member)) {
            if (!item.isObject()) {
                throw MetricsException.invalidValue("The parameter " + name(member) + ".member." + i
                        + " must be a structure.");
            }
            out.add(new MetricsRequest(item, name(member) + ".member." + i));
            i++;
        }
        return out;
    }

    List<String> strings(String member) {
        List<String> out = new ArrayList<>();
        int i = 1;
        for (JsonNode item : list(member)) {
            if (!item.isTextual()) {
                throw MetricsException.invalidValue("The parameter " + name(member) + ".member." + i + " must be a string.");
            }
            out.add(item.textValue());
            i++;
        }
        return out;
    }

    /** A structure member, or null when absent. */
    MetricsRequest structure(String member) {
        JsonNode v = present(member);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw MetricsException.invalidValue("The parameter " + name(member) + " must be a structure.");
        }
        return new MetricsRequest(v, name(member));
    }

    /** The AWS name of a member of this structure, e.g. {@code MetricDataQueries.member.1.Id}. */
    String name(String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    /** This structure's own path ({@code MetricDataQueries.member.1}). */
    String path() {
        return path;
    }

    private List<JsonNode> list(String member) {
        JsonNode v = present(member);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || (v.isTextual() && v.textValue().isEmpty())) {
            return out;
        }
        if (!v.isArray()) {
            throw MetricsException.invalidValue("The parameter " + name(member) + " must be a list.");
        }
        v.forEach(out::add);
        return out;
    }

    private JsonNode present(String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? null : v;
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        return Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.FLOOR).longValueExact());
    }
}
