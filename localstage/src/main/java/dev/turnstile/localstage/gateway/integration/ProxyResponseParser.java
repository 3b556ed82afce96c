package dev.turnstile.localstage.gateway.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates and maps a Lambda proxy response
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html):
 * only {@code statusCode}, {@code headers},
 * {@code multiValueHeaders}, {@code body}, {@code isBase64Encoded}; missing statusCode is 200; a numeric
 * string is accepted; headers from both maps are merged ({@code multiValueHeaders} casing and values
 * first, then {@code headers}, joined with {@code ", "}: a local choice, docs/aws-behaviour.md §12).
 */
public final class ProxyResponseParser {

    /** The function's answer does not fit the proxy contract: 502 "Malformed Lambda proxy response". */
    public static final class MalformedProxyResponseException extends Exception {
        public MalformedProxyResponseException(String message) {
            super(message);
        }
    }

    /**
     * The client-facing parts of a valid proxy response.
     *
     * @param statusCode the status
     * @param headers    merged headers (Content-Type defaulted to application/json)
     * @param body       body bytes (a base64 body stays literal text: the local stage has no binary media types)
     */
    public record ProxyResponse(int statusCode, Headers headers, byte[] body) { }

    private static final Set<String> ALLOWED = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

    private final ObjectMapper mapper;

    public ProxyResponseParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ProxyResponse parse(byte[] payload) throws MalformedProxyResponseException {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            throw new MalformedProxyResponseException("response is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedProxyResponseException("response is not a JSON object");
        }
        var names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ALLOWED.contains(name)) {
                throw new MalformedProxyResponseException("unknown key '" + name + "'");
            }
        }
        int status = statusCode(root.get("statusCode"));
        Headers headers = headers(root.get("multiValueHeaders"), root.get("headers"));
        if (!headers.contains("Content-Type")) {
            headers.add("Content-Type", "application/json");
        }
        JsonNode isBase64 = root.get("isBase64Encoded");
        if (isBase64 != null && !isBase64.isNull() && !isBase64.isBoolean()) {
            throw new MalformedProxyResponseException("isBase64Encoded must be a boolean");
        }
        return new ProxyResponse(status, headers, body(root.get("body")));
    }

    private static int statusCode(JsonNode node) throws MalformedProxyResponseException {
        if (node == null || node.isNull()) {
            return 200;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return checkRange(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return checkRange(Integer.parseInt(node.asText()));
            } catch (NumberFormatException e) {
                throw new MalformedProxyResponseException("statusCode '" + node.asText() + "' is not an integer");
            }
        }
        throw new MalformedProxyResponseException("statusCode must be an integer, got " + node.getNodeType());
    }

    private static int checkRange(int status) throws MalformedProxyResponseException {
        if (status < 100 || status > 599) {
            throw new MalformedProxyResponseException("statusCode " + status + " is not an HTTP status");
        }
        return status;
    }

    private static Headers headers(JsonNode multi, JsonNode single) throws MalformedProxyResponseException {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                throw new MalformedProxyResponseException("multiValueHeaders must be an object");
            }
            var fields = multi.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (!f.getValue().isArray()) {
                    throw new MalformedProxyResponseException("multiValueHeaders '" + f.getKey() + "' is not a list");
                }
                String key = f.getKey().toLowerCase(Locale.ROOT);
                names.putIfAbsent(key, f.getKey());
                List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>(2));
                for (JsonNode v : f.getValue()) {
                    list.add(scalar(v, f.getKey()));
                }
            }
        }
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                throw new MalformedProxyResponseException("headers must be an object");
            }
            var fields = single.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String key = f.getKey().toLowerCase(Locale.ROOT);
                names.putIfAbsent(key, f.getKey());
                values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(scalar(f.getValue(), f.getKey()));
            }
        }
        Headers out = Headers.create();
        for (var e : values.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.add(names.get(e.getKey()), String.join(", ", e.getValue()));
            }
        }
        return out;
    }

    private static String scalar(JsonNode v, String name) throws MalformedProxyResponseException {
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new MalformedProxyResponseException("header '" + name + "' has a non-scalar value");
    }

    private static byte[] body(JsonNode node) throws MalformedProxyResponseException {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        if (!node.isTextual()) {
            throw new MalformedProxyResponseException("body must be a string, got " + node.getNodeType());
        }
        return node.asText().getBytes(StandardCharsets.UTF_8);
    }
}
