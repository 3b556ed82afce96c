package dev.turnstile.functions.writer;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts JSON into DynamoDB attribute values with the JSON types preserved: string → S, number → N,
 * boolean → BOOL, null → NULL, object → M, array → L.
 *
 * <p>Values DynamoDB cannot hold are refused here with a {@link BadRequestException} naming the field, rather
 * than letting DynamoDB fail the write with a ValidationException that would surface as a 500.
 */
public final class AttributeValues {

    /** DynamoDB's limit on nested attribute depth. */
    public static final int MAX_DEPTH = 32;

    private static final int MAX_NUMBER_PRECISION = 38;
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private AttributeValues() {
    }

    /**
     * Converts one JSON value.
     *
     * @param path where the value sits, for error messages (e.g. {@code payload.items[2]})
     * @throws BadRequestException for numbers outside DynamoDB's range or nesting deeper than 32 levels
     */
    public static AttributeValue of(JsonNode node, String path) {
        return convert(node, path, 1);
    }

    private static AttributeValue convert(JsonNode node, String path, int depth) {
        switch (node.getNodeType()) {
            case STRING:
                return AttributeValue.fromS(unicode(node.textValue(), path));
            case NUMBER:
                return AttributeValue.fromN(number(node, path));
            case BOOLEAN:
                return AttributeValue.fromBool(node.booleanValue());
            case NULL:
                return AttributeValue.fromNul(true);
            case OBJECT:
                return AttributeValue.fromM(map(node, path, depth));
            case ARRAY:
                return AttributeValue.fromL(list(node, path, depth));
            default:
                throw new BadRequestException("field " + path + " has a value of type " + node.getNodeType()
                        + " that JSON requests cannot carry");
        }
    }

    private static Map<String, AttributeValue> map(JsonNode node, String path, int depth) {
        checkDepth(path, depth);
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            map.put(field.getKey(), convert(field.getValue(), path + "." + field.getKey(), depth + 1));
        }
        return map;
    }

    private static List<AttributeValue> list(JsonNode node, String path, int depth) {
        checkDepth(path, depth);
        List<AttributeValue> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            list.add(convert(node.get(i), path + "[" + i + "]", depth + 1));
        }
        return list;
    }

    /**
     * The text itself when it is well-formed Unicode. A JSON escape can spell half of a surrogate pair
     * ({@code "\ud800"}), which has no UTF-8 form: the SDK would send {@code ?} in its place and store other text
     * than the client's. (Jackson already refuses such escapes in field names.)
     */
    private static String unicode(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new BadRequestException("field " + path + " holds an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c) + "), which is not Unicode text");
            }
        }
        return text;
    }

    private static void checkDepth(String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BadRequestException("field " + path + " is nested deeper than DynamoDB's "
                    + MAX_DEPTH + " levels");
        }
    }

    private static String number(JsonNode node, String path) {
        BigDecimal value = node.decimalValue();
        BigDecimal magnitude = value.abs();
        if (value.signum() != 0) {
            if (value.stripTrailingZeros().precision() > MAX_NUMBER_PRECISION) {
                throw new BadRequestException("field " + path + " has more than " + MAX_NUMBER_PRECISION
                        + " significant digits, more than a DynamoDB number can hold");
            }
            if (magnitude.compareTo(MAX_MAGNITUDE) > 0 || magnitude.compareTo(MIN_MAGNITUDE) < 0) {
                throw new BadRequestException("field " + path + " is outside the range of a DynamoDB number "
                        + "(magnitude 1E-130 to 9.9999999999999999999999999999999999999E+125)");
            }
        }
        // the literal's own digits when it is an integer; plain notation otherwise so every DynamoDB
        // implementation parses it the same way
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : value.toPlainString();
    }
}
