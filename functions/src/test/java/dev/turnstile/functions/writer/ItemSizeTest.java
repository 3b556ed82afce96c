package dev.turnstile.functions.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void scalarsFollowDynamoDbsRules() {
        // name bytes + value bytes; "é" is 2 UTF-8 bytes
        assertThat(ItemSize.of(Map.of("ID", AttributeValue.fromS("abcé")))).isEqualTo(2 + 5);
        assertThat(ItemSize.of(Map.of("b", AttributeValue.fromBool(true)))).isEqualTo(1 + 1);
        assertThat(ItemSize.of(Map.of("n", AttributeValue.fromNul(true)))).isEqualTo(1 + 1);
        assertThat(ItemSize.of(Map.of("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])))))
                .isEqualTo(3 + 10);
    }

    @Test
    void numbersCountOneBytePerTwoSignificantDigitsPlusOne() {
        assertThat(ItemSize.numberSize("0")).isEqualTo(2);
        assertThat(ItemSize.numberSize("7")).isEqualTo(2);
        assertThat(ItemSize.numberSize("12")).isEqualTo(2);
        assertThat(ItemSize.numberSize("123")).isEqualTo(3);
        // leading and trailing zeroes are trimmed
        assertThat(ItemSize.numberSize("1000000")).isEqualTo(2);
        assertThat(ItemSize.numberSize("0.00012")).isEqualTo(2);
        assertThat(ItemSize.numberSize("12345678901234567890123456789012345678")).isEqualTo(20);
    }

    @Test
    void listsAndMapsCostThreeBytesPlusOnePerElement() {
        AttributeValue emptyList = AttributeValue.fromL(List.of());
        assertThat(ItemSize.valueSize(emptyList)).isEqualTo(3);
        // ["ab", true] = 3 + (1 + 2) + (1 + 1)
        assertThat(ItemSize.valueSize(AttributeValue.fromL(List.of(AttributeValue.fromS("ab"),
                AttributeValue.fromBool(true))))).isEqualTo(8);
        // {"k": "v", "kk": {}} = 3 + (1 + 1 + 1) + (1 + 2 + 3)
        assertThat(ItemSize.valueSize(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"),
                "kk", AttributeValue.fromM(Map.of()))))).isEqualTo(12);
    }
}
