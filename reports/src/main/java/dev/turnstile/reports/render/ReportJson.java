package dev.turnstile.reports.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.reports.model.CapacityReportData;

/** Serializes the report data: pretty for {@code capacity-report.json}, script-safe for embedding in HTML. */
public final class ReportJson {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper SCRIPT_SAFE = new ObjectMapper();

    static {
        SCRIPT_SAFE.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private ReportJson() {
    }

    /** Indented JSON for the file. */
    public static String pretty(CapacityReportData data) {
        return write(PRETTY, data);
    }

    /**
     * Compact JSON safe inside a {@code <script>} element: {@code <}, {@code >}, {@code &} and the JavaScript
     * line separators are written as {@code \}{@code uXXXX}, so no string in the data can close the element.
     */
    public static String scriptSafe(Object data) {
        return write(SCRIPT_SAFE, data);
    }

    private static String write(ObjectMapper mapper, Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the report: " + e.getMessage(), e);
        }
    }

    /** Escapes the characters that matter to an HTML parser or a JavaScript engine. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] table = standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
