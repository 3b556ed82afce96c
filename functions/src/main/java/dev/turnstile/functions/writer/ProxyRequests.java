package dev.turnstile.functions.writer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
     * The item for a proxy event. Its id is API Gateway's extended request id ({@code x-amz-apigw-id}), which
     * API Gateway generates and no client can set; the request id is not used, as a client may choose it
     * (docs/aws-behaviour.md §1.1). An event without one (a hand-written test event) takes the Lambda request id.
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
        String extendedRequestId = requestContext == null ? null : requestContext.getExtendedRequestId();
        Long epochMillis = requestContext == null ? null : requestContext.getRequestTimeEpoch();
        return new StoredItem(
                extendedRequestId != null && !extendedRequestId.isEmpty() ? extendedRequestId : context.getAwsRequestId(),
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
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            throw new BadRequestException("request body is marked base64-encoded but is not valid base64");
        }
        // API Gateway base64-encodes a body that is not UTF-8 text (docs/aws-behaviour.md §5.1); JSON must be
        // UTF-8 (RFC 8259 §8.1), and a lenient decode would store U+FFFD in place of the client's bytes. A fresh
        // decoder reports malformed input (new String(bytes, UTF_8) would replace it)
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new BadRequestException("request body is not valid UTF-8 text; JSON must be encoded in UTF-8");
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
