package dev.turnstile.localstage.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of an API Gateway {@code patchOperations} list.
 *
 * @param op    add, remove, replace, move, copy or test
 * @param path  JSON-pointer-like target, e.g. {@code /enabled}
 * @param value new value as a string (API Gateway sends every value as a string), or null
 */
public record PatchOperation(String op, String path, String value) {

    /** Parses a request body {@code {"patchOperations":[…]}}; a malformed body is a 400. */
    public static List<PatchOperation> parse(ObjectMapper json, String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ControlPlaneException.badRequest("Invalid request body: " + e.getOriginalMessage());
        }
        JsonNode ops = root.path("patchOperations");
        if (!ops.isArray() || ops.isEmpty()) {
            throw ControlPlaneException.badRequest("patchOperations must be a non-empty list");
        }
        List<PatchOperation> out = new ArrayList<>();
        for (JsonNode op : ops) {
            String name = op.path("op").asText(null);
            String path = op.path("path").asText(null);
            if (name == null || path == null) {
                throw ControlPlaneException.badRequest("Each patch operation needs an op and a path, got " + op);
            }
            JsonNode value = op.get("value");
            out.add(new PatchOperation(name, path, value == null || value.isNull() ? null : value.asText()));
        }
        return out;
    }
}
