package dev.turnstile.localstage.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPatternTest {

    private static final String ACCESS = "{\"requestId\":\"abc-1\",\"status\":\"429\",\"ip\":\"123.123.9.1\","
            + "\"latency\":17,\"ok\":false,\"gone\":null,\"arr\":[\"first\",{\"x\":5}],\"a\":{\"b\":\"deep\"}}";
    private static final String NUMERIC = "{\"status\":429,\"flag\":true}";
    private static final String TEXT = "[ERROR] Failed to process request 42 for user alice";

    static Stream<Arguments> cases() {
        return Stream.of(
                // pattern, message, expected
                Arguments.of("", TEXT, true),
                Arguments.of("   ", TEXT, true),
                Arguments.of("\"\"", TEXT, true),
                Arguments.of("ERROR", TEXT, true),
                Arguments.of("error", TEXT, false),
                Arguments.of("ERROR alice", TEXT, true),
                Arguments.of("ERROR bob", TEXT, false),
                Arguments.of("\"Failed to process\"", TEXT, true),
                Arguments.of("\"Failed to  process\"", TEXT, false),
                Arguments.of("?WARN ?ERROR", TEXT, true),
                Arguments.of("?WARN ?DEBUG", TEXT, false),
                Arguments.of("ERROR -alice", TEXT, false),
                Arguments.of("ERROR -bob", TEXT, true),
                Arguments.of("-\"user alice\"", TEXT, false),
                Arguments.of("%ERR[O]R%", TEXT, true),
                Arguments.of("%^\\[ERROR%", TEXT, true),
                Arguments.of("%alice$%", TEXT, true),
                Arguments.of("%[0-9]{3}%", TEXT, false),
                Arguments.of("%[0-9]{2}%", TEXT, true),
                Arguments.of("{ $.status = 429 }", ACCESS, true),
                Arguments.of("{ $.status = 429 }", NUMERIC, true),
                Arguments.of("{ $.status = \"429\" }", ACCESS, true),
                Arguments.of("{ $.status = \"429\" }", NUMERIC, true),
                Arguments.of("{ $.status = 4* }", ACCESS, true),
                Arguments.of("{ $.status != 429 }", ACCESS, false),
                Arguments.of("{ $.status != 200 }", ACCESS, true),
                Arguments.of("{ $.status >= 400 }", ACCESS, true),
                Arguments.of("{ $.status < 400 }", NUMERIC, false),
                Arguments.of("{ $.latency > 10 && $.latency <= 17 }", ACCESS, true),
                Arguments.of("{ $.latency > 17 }", ACCESS, false),
                Arguments.of("{ $.ip = 123.123.* }", ACCESS, true),
                Arguments.of("{ $.ip != 123.123.* }", ACCESS, false),
                Arguments.of("{ $.ip = \"123.123.9.*\" }", ACCESS, true),
                Arguments.of("{ $.requestId = \"abc-1\" }", ACCESS, true),
                Arguments.of("{ $.requestId = \"ABC-1\" }", ACCESS, false),
                Arguments.of("{ $.a.b = \"deep\" }", ACCESS, true),
                Arguments.of("{ $.arr[0] = \"first\" }", ACCESS, true),
                Arguments.of("{ $.arr[1].x = 5 }", ACCESS, true),
                Arguments.of("{ $.arr[2] = \"first\" }", ACCESS, false),
                Arguments.of("{ $.a = \"deep\" }", ACCESS, false),
                Arguments.of("{ $.gone IS NULL }", ACCESS, true),
                Arguments.of("{ $.latency IS NULL }", ACCESS, false),
                Arguments.of("{ $.missing NOT EXISTS }", ACCESS, true),
                Arguments.of("{ $.gone NOT EXISTS }", ACCESS, false),
                Arguments.of("{ $.missing = 1 }", ACCESS, false),
                Arguments.of("{ $.missing != 1 }", ACCESS, false),
                Arguments.of("{ $.ok IS FALSE }", ACCESS, true),
                Arguments.of("{ $.flag IS TRUE }", NUMERIC, true),
                Arguments.of("{ $.flag IS FALSE }", NUMERIC, false),
                Arguments.of("{ $.status = 500 || $.latency = 17 }", ACCESS, true),
                Arguments.of("{ ($.status = 500 || $.status = 429) && $.ok IS TRUE }", ACCESS, false),
                Arguments.of("{ ($.status = 500 || $.status = 429) && $.ok IS FALSE }", ACCESS, true),
                Arguments.of("{ $.status = 500 || $.status = 429 && $.ok IS TRUE }", ACCESS, false),
                Arguments.of("{ $.status = 429 }", TEXT, false),
                Arguments.of("{ $.status = 429 }", "{not json", false));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void matches(String pattern, String message, boolean expected) {
        assertThat(FilterPattern.parse(pattern).matches(message)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ $.status = 429", "{ status = 429 }", "{ $.status 429 }", "{ $.a = }",
            "{ ($.a = 1 }", "{ $.a < \"x\" }", "{ $.a IS MAYBE }", "{ $.a NOT THERE }", "\"unterminated",
            "-", "?", "%a(b)%", "%bad!%", "%has space%", "[ip, user, status=4*]", "{ $.a = 1 } trailing", "{ $. = 1 }",
            "{ $.arr[x] = 1 }"})
    void rejectsInvalidPatterns(String pattern) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern))
                .isInstanceOfSatisfying(LogsException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage()).isEqualTo("Invalid filter pattern");
                });
    }
}
