package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

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
        return typed(member, v -> v.isTextual() ? v.textValue() : null, "a string");
    }

    String requiredString(String member) {
        String v = string(member);
        return required(v == null || v.isEmpty() ? null : v, member);
    }

    Integer integer(String member) {
        return typed(member, v -> v.isIntegralNumber() && v.canConvertToInt() ? Integer.valueOf(v.intValue())
                : v.isTextual() && v.textValue().matches("-?[0-9]{1,9}") ? Integer.valueOf(v.textValue()) : null,
                "an integer");
    }

    int requiredInteger(String member) {
        return required(integer(member), member);
    }

    Boolean bool(String member) {
        return typed(member, v -> v.isBoolean() ? Boolean.valueOf(v.booleanValue())
                : v.isTextual() && v.textValue().matches("true|false") ? Boolean.valueOf(v.textValue()) : null,
                "true or false");
    }

    /** A timestamp: epoch seconds (JSON, CBOR, or text) or ISO 8601 text (Query). */
    Instant requiredTimestamp(String member) {
        JsonNode v = required(present(member), member);
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

    /** A list of structures (empty when absent, or given as an empty Query field). */
    List<MetricsRequest> structures(String member) {
        return items(member, (item, path) -> item.isObject() ? new MetricsRequest(item, path) : null, "a structure");
    }

    List<String> strings(String member) {
        return items(member, (item, path) -> item.isTextual() ? item.textValue() : null, "a string");
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

    /** {@code value}, unless it is absent: then the AWS error for a missing member. */
    private <T> T required(T value, String member) {
        if (value == null) {
            throw MetricsException.missing(name(member));
        }
        return value;
    }

    /** A member's value read by {@code read} (null when absent); a value it cannot read is the caller's error. */
    private <T> T typed(String member, Function<JsonNode, T> read, String expected) {
        JsonNode v = present(member);
        if (v == null) {
            return null;
        }
        T value = read.apply(v);
        if (value == null) {
            throw MetricsException.invalidValue("The parameter " + name(member) + " must be " + expected + ".");
        }
        return value;
    }

    /** The items of a list member, each read by {@code read} with its AWS path ({@code Name.member.N}). */
    private <T> List<T> items(String member, BiFunction<JsonNode, String, T> read, String expected) {
        List<T> out = new ArrayList<>();
        int i = 1;
        for (JsonNode item : list(member)) {
            String path = name(member) + ".member." + i++;
            T value = read.apply(item, path);
            if (value == null) {
                throw MetricsException.invalidValue("The parameter " + path + " must be " + expected + ".");
            }
            out.add(value);
        }
        return out;
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
