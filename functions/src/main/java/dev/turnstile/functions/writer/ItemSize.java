package dev.turnstile.functions.writer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Computes an item's size the way DynamoDB documents it ("Item sizes and formats"), so an oversized item is
 * refused with 413 before DynamoDB would refuse it with a ValidationException.
 *
 * <p>Attribute names and strings count their UTF-8 bytes; numbers 1 byte per two significant digits plus 1;
 * binary its raw bytes; null and boolean 1 byte; a list or map 3 bytes plus its elements, each element 1 more
 * byte (and a map element its key's bytes).
 */
public final class ItemSize {

    /** DynamoDB's item size limit: 400 KB. */
    public static final long MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    /** The size of a whole item: for each attribute, its name plus its value. */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue value) {
        switch (value.type()) {
            case S:
                return utf8(value.s());
            case N:
                return numberSize(value.n());
            case B:
                return value.b().asByteArray().length;
            case BOOL:
            case NUL:
                return 1;
            case L:
                return listSize(value.l());
            case M:
                return mapSize(value.m());
            case SS:
                return value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS:
                return value.ns().stream().mapToLong(ItemSize::numberSize).sum();
            case BS:
                return value.bs().stream().map(SdkBytes::asByteArray).mapToLong(bytes -> bytes.length).sum();
            default:
                throw new IllegalArgumentException("attribute value of unknown type: " + value);
        }
    }

    private static long listSize(List<AttributeValue> elements) {
        long size = 3;
        for (AttributeValue element : elements) {
            size += 1 + valueSize(element);
        }
        return size;
    }

    private static long mapSize(Map<String, AttributeValue> entries) {
        long size = 3;
        for (Map.Entry<String, AttributeValue> entry : entries.entrySet()) {
            size += 1 + utf8(entry.getKey()) + valueSize(entry.getValue());
        }
        return size;
    }

    static long numberSize(String number) {
        BigDecimal value = new BigDecimal(number);
        // leading and trailing zeroes are trimmed before DynamoDB counts digits
        int significantDigits = value.signum() == 0 ? 1 : value.stripTrailingZeros().precision();
        return (significantDigits + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
