package dev.turnstile.functions.writer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Reads a Lambda proxy integration event (payload 1.0) into the item to store.
 */
public final class ProxyRequests {

    /** The header carrying the Turnstile run id (matched case-insensitively). */
    public static final String RUN_ID_HEADER = "x-turnstile-run-id";

    private ProxyRequests() {
    }

    /** Whether the event has the shape of an API Gateway proxy event rather than a direct invocation. */
    public static boolean isProxyEvent(JsonNode event) {
        return event.has("requestContext") || event.has("httpMethod");
    }

    /**
     * The item for a proxy event.
     *
     * @throws BadRequestException when the body is absent, empty, malformed or not a JSON object
     */
    public static StoredItem storedItem(JsonNode event, Context context, Clock clock) {
        APIGatewayProxyRequestEvent request;
        try {
            request = WriterJson.MAPPER.treeToValue(event, APIGatewayProxyRequestEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the proxy event does not match API Gateway's payload 1.0: "
                    + e.getOriginalMessage(), e);
        }
        ObjectNode payload = RequestBodies.jsonObject(body(request));
        APIGatewayProxyRequestEvent.ProxyRequestContext requestContext = request.getRequestContext();
        String requestId = requestContext == null ? null : requestContext.getRequestId();
        Long epochMillis = requestContext == null ? null : requestContext.getRequestTimeEpoch();
        return new StoredItem(
                requestId != null && !requestId.isEmpty() ? requestId : context.getAwsRequestId(),
                epochMillis != null ? Instant.ofEpochMilli(epochMillis) : clock.instant(),
                payload,
                payload.get("metadata"),
                principalId(requestContext),
                // RequestIdentity has no apiKeyId property, so it is read from the raw event
                text(event.at("/requestContext/identity/apiKeyId")),
                header(request.getHeaders(), RUN_ID_HEADER));
    }

    private static String body(APIGatewayProxyRequestEvent request) {
        String body = request.getBody();
        if (body == null || !Boolean.TRUE.equals(request.getIsBase64Encoded())) {
            return body;
        }
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new BadRequestException("request body is marked base64-encoded but is not valid base64");
        }
    }

    private static String principalId(APIGatewayProxyRequestEvent.ProxyRequestContext requestContext) {
        if (requestContext == null || requestContext.getAuthorizer() == null) {
            return null;
        }
        Object principalId = requestContext.getAuthorizer().get("principalId");
        return principalId == null ? null : principalId.toString();
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    // HTTP header names are case-insensitive; API Gateway passes the client's casing
    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }
}
