package dev.turnstile.localstage.gateway.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a Lambda authorizer's output
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
 * Anything API Gateway would call malformed
 * (no {@code policyDocument}, a statement without Effect/Action/Resource, a context value that is not a
 * string, number or boolean) is refused with a message saying what is wrong.
 */
public final class AuthorizerOutputParser {

    /** The authorizer's output could not be used; the gateway answers 500 AuthorizerConfigurationException. */
    public static final class MalformedOutputException extends Exception {
        public MalformedOutputException(String message) {
            super(message);
        }
    }

    private final ObjectMapper mapper;

    public AuthorizerOutputParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AuthorizerResult parse(byte[] payload) throws MalformedOutputException {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            throw new MalformedOutputException("authorizer output is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedOutputException("authorizer output must be a JSON object");
        }
        JsonNode document = root.get("policyDocument");
        if (document == null || !document.isObject()) {
            throw new MalformedOutputException("authorizer output has no policyDocument object");
        }
        List<PolicyStatement> statements = statements(document.get("Statement"));
        String principalId = scalarOrNull(root.get("principalId"), "principalId");
        Map<String, String> context = context(root.get("context"));
        String usageIdentifierKey = scalarOrNull(root.get("usageIdentifierKey"), "usageIdentifierKey");
        return new AuthorizerResult(principalId, statements, context, usageIdentifierKey);
    }

    private static List<PolicyStatement> statements(JsonNode node) throws MalformedOutputException {
        if (node == null || node.isNull()) {
            throw new MalformedOutputException("policyDocument has no Statement");
        }
        List<PolicyStatement> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(statement(node));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                out.add(statement(item));
            }
        } else {
            throw new MalformedOutputException("policyDocument.Statement must be an object or a list");
        }
        return out;
    }

    private static PolicyStatement statement(JsonNode node) throws MalformedOutputException {
        if (!node.isObject()) {
            throw new MalformedOutputException("a policy statement must be an object");
        }
        JsonNode effect = node.get("Effect");
        PolicyStatement.Effect value;
        if (effect != null && "Allow".equals(effect.asText(null))) {
            value = PolicyStatement.Effect.ALLOW;
        } else if (effect != null && "Deny".equals(effect.asText(null))) {
            value = PolicyStatement.Effect.DENY;
        } else {
            throw new MalformedOutputException("policy statement Effect must be Allow or Deny, got " + effect);
        }
        return new PolicyStatement(value, strings(node.get("Action"), "Action"), strings(node.get("Resource"), "Resource"));
    }

    private static List<String> strings(JsonNode node, String name) throws MalformedOutputException {
        if (node != null && node.isTextual()) {
            return List.of(node.asText());
        }
        if (node != null && node.isArray() && !node.isEmpty()) {
            List<String> out = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new MalformedOutputException("policy statement " + name + " entries must be strings");
                }
                out.add(item.asText());
            }
            return out;
        }
        throw new MalformedOutputException("policy statement " + name + " must be a string or a non-empty list of strings");
    }

    private static Map<String, String> context(JsonNode node) throws MalformedOutputException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new MalformedOutputException("authorizer context must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw new MalformedOutputException("authorizer context value '" + field.getKey()
                        + "' must be a string, number or boolean, got " + value.getNodeType());
            }
            out.put(field.getKey(), value.asText());
        }
        return out;
    }

    private static String scalarOrNull(JsonNode node, String name) throws MalformedOutputException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new MalformedOutputException(name + " must be a string");
        }
        return node.asText();
    }
}
