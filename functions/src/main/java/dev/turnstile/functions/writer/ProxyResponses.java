package dev.turnstile.functions.writer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The writer's proxy integration responses: always JSON with {@code Content-Type: application/json}.
 */
public final class ProxyResponses {

    private ProxyResponses() {
    }

    /** 200 {@code {"id":"…","stored":true}}: only after the item is durably written. */
    public static APIGatewayProxyResponseEvent stored(String id) {
        return json(200, storedResult(id));
    }

    /** An error status with {@code {"message":"…"}}. */
    public static APIGatewayProxyResponseEvent error(int statusCode, String message) {
        ObjectNode body = WriterJson.MAPPER.createObjectNode();
        body.put("message", message);
        return json(statusCode, body);
    }

    /** The result object naming the stored id, shared by proxy and direct invocations. */
    public static ObjectNode storedResult(String id) {
        ObjectNode body = WriterJson.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("stored", true);
        return body;
    }

    private static APIGatewayProxyResponseEvent json(int statusCode, ObjectNode body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(statusCode)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body.toString())
                .withIsBase64Encoded(false);
    }
}
