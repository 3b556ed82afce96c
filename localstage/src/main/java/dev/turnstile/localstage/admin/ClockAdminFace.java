package dev.turnstile.localstage.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.time.StageClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin face of the stage clock, {@code /_turnstile/clock} (a path that does not exist on AWS, served
 * only on the services port, never on execute-api). {@code GET} reads the clock; {@code POST} with
 * {@code {"advanceMillis":N}}, {@code {"setEpochMillis":N}} or {@code {"freeze":true|false}} changes it.
 * Both answer {@code {"epochMillis":…,"iso":"…","frozen":…}}. A change that would put the clock before
 * 1970-01-01T00:00:00Z or after 9999-12-31T23:59:59.999Z (where quota periods, log timestamps and ISO dates stop
 * making sense, and {@code long} arithmetic would wrap) is refused with 400 and changes nothing.
 */
public final class ClockAdminFace extends Handler.Abstract {

    /** The admin path. */
    public static final String PATH = "/_turnstile/clock";

    /** The last instant the clock may show: the end of year 9999, the last four-digit ISO-8601 year. */
    static final long LATEST_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StageClock clock;

    public ClockAdminFace(StageClock clock) {
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        switch (request.getMethod()) {
            case "GET" -> respond(response, callback, 200, state());
            case "POST" -> {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                try {
                    apply(body);
                    respond(response, callback, 200, state());
                } catch (IllegalArgumentException | IOException e) {
                    ObjectNode error = JSON.createObjectNode().put("message", e.getMessage());
                    respond(response, callback, 400, error);
                }
            }
            default -> respond(response, callback, 405,
                    JSON.createObjectNode().put("message", "use GET or POST on " + PATH));
        }
        return true;
    }

    private void apply(String body) throws IOException {
        JsonNode command = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        if (!command.isObject() || command.isEmpty()) {
            throw new IllegalArgumentException(
                    "expected one of {\"advanceMillis\":N}, {\"setEpochMillis\":N}, {\"freeze\":true|false}");
        }
        // every field is checked before anything changes, so a refused command leaves the clock as it was
        Long set = command.has("setEpochMillis") ? requireLong(command, "setEpochMillis") : null;
        Long advance = command.has("advanceMillis") ? requireLong(command, "advanceMillis") : null;
        if (command.has("freeze") && !command.get("freeze").isBoolean()) {
            throw new IllegalArgumentException("freeze must be true or false");
        }
        if (set != null) {
            requireInRange("setEpochMillis", set);
        }
        if (advance != null) {
            if (advance < 0) {
                throw new IllegalArgumentException("advanceMillis must be >= 0: the stage clock only moves forward");
            }
            long from = set != null ? set : clock.millis();
            if (advance > LATEST_MILLIS - from) {
                throw new IllegalArgumentException("advanceMillis " + advance + " would move the clock past "
                        + Instant.ofEpochMilli(LATEST_MILLIS));
            }
        }
        if (set != null) {
            clock.set(Instant.ofEpochMilli(set));
        }
        if (advance != null) {
            clock.advance(Duration.ofMillis(advance));
        }
        if (command.has("freeze")) {
            if (command.get("freeze").booleanValue()) {
                clock.freeze();
            } else {
                clock.unfreeze();
            }
        }
    }

    private static long requireLong(JsonNode command, String field) {
        JsonNode value = command.get(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer number of milliseconds");
        }
        return value.longValue();
    }

    private static void requireInRange(String field, long epochMillis) {
        if (epochMillis < 0 || epochMillis > LATEST_MILLIS) {
            throw new IllegalArgumentException(field + " must be between 0 (1970-01-01T00:00:00Z) and " + LATEST_MILLIS
                    + " (" + Instant.ofEpochMilli(LATEST_MILLIS) + "), got " + epochMillis);
        }
    }

    private ObjectNode state() {
        long now = clock.millis();
        return JSON.createObjectNode()
                .put("epochMillis", now)
                .put("iso", Instant.ofEpochMilli(now).toString())
                .put("frozen", clock.isFrozen());
    }

    private static void respond(Response response, Callback callback, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
