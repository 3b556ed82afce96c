package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Struct} through a Jackson generator — JSON for the AWS JSON 1.0 protocol, CBOR for Smithy RPC v2 —
 * leaving the one difference, how a timestamp is written, to the protocol.
 */
final class GeneratorEncoder {

    /** How a protocol writes a timestamp. */
    @FunctionalInterface
    interface TimestampWriter {
        void write(JsonGenerator generator, Instant timestamp) throws IOException;
    }

    private final TimestampWriter timestamps;

    GeneratorEncoder(TimestampWriter timestamps) {
        this.timestamps = timestamps;
    }

    void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Struct s) {
            g.writeStartObject();
            for (Map.Entry<String, Object> m : s.members().entrySet()) {
                g.writeFieldName(m.getKey());
                write(g, m.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Struct.ValueMap map) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : map.entries().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Instant t) {
            timestamps.write(g, t);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof String s) {
            g.writeString(s);
        } else {
            throw new IllegalArgumentException("no wire form for " + value.getClass().getName());
        }
    }
}
