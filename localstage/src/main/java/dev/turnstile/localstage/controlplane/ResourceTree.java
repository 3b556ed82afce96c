package dev.turnstile.localstage.controlplane;

import dev.turnstile.localstage.model.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API's resources as API Gateway keeps them: one resource per path segment from the root {@code /} down to every
 * route's path, each with its id, parent id, path part and methods (an intermediate path without methods is a resource
 * too, as on AWS). Ids of route paths are the model's; the root and intermediate paths get ids derived from the API id
 * and the path, stable across restarts.
 */
final class ResourceTree {

    /**
     * One resource.
     *
     * @param id       resource id
     * @param parentId the parent's id, null for the root
     * @param pathPart the last path segment, null for the root
     * @param path     the full path, {@code /} for the root
     * @param methods  the routes on this path, by verb
     */
    record Node(String id, String parentId, String pathPart, String path, Map<String, Route> methods) { }

    private ResourceTree() {
    }

    /** Every resource, sorted by path (root first). */
    static List<Node> of(String restApiId, List<Route> routes) {
        Map<String, String> ids = new TreeMap<>();
        Map<String, Map<String, Route>> methods = new LinkedHashMap<>();
        for (Route r : routes) {
            ids.put(r.resourcePath(), r.resourceId());
            methods.computeIfAbsent(r.resourcePath(), p -> new LinkedHashMap<>()).put(r.httpMethod(), r);
        }
        ids.put("/", derivedId(restApiId, "/", 10));
        for (String path : List.copyOf(ids.keySet())) {
            for (String ancestor = parent(path); ancestor != null; ancestor = parent(ancestor)) {
                ids.putIfAbsent(ancestor, derivedId(restApiId, ancestor, 6));
            }
        }
        List<Node> nodes = new ArrayList<>();
        ids.forEach((path, id) -> {
            String parent = parent(path);
            nodes.add(new Node(id, parent == null ? null : ids.get(parent),
                    parent == null ? null : path.substring(path.lastIndexOf('/') + 1), path,
                    methods.getOrDefault(path, Map.of())));
        });
        return nodes;
    }

    private static String parent(String path) {
        if ("/".equals(path)) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String derivedId(String restApiId, String path, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((restApiId + path).getBytes(StandardCharsets.UTF_8));
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder id = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                id.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
