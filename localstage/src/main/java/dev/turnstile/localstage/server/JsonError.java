package dev.turnstile.localstage.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The JSON error answers a listener gives itself, before or instead of any face. */
final class JsonError {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonError() {
    }

    /** {@code {"message":"<text>"}}. */
    static byte[] body(String message) {
        return bytes(JSON.createObjectNode().put("message", message));
    }

    /** {@code {"__type":"<type>","message":"<text>"}}: the error shape of AWS JSON-protocol services. */
    static byte[] typed(String type, String message) {
        return bytes(JSON.createObjectNode().put("__type", type).put("message", message));
    }

    /** Writes {@code body} as the whole response; {@code close} asks for the connection to be closed after it. */
    static void write(Response response, Callback callback, int status, String contentType, byte[] body, boolean close) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The reason phrase of a status, e.g. {@code Request Header Fields Too Large}. */
    static String reason(int status) {
        String reason = HttpStatus.getMessage(status);
        return reason == null ? "HTTP " + status : reason;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write a JSON error", impossible);
        }
    }
}
