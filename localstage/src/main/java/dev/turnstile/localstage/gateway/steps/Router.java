package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.PercentDecoder;
import dev.turnstile.localstage.gateway.RouteMatch;
import dev.turnstile.localstage.model.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches a stage-relative path and verb to a method, compiled once from the routes: literal segments
 * beat {@code {param}} segments, which beat a greedy {@code {proxy+}}; an exact verb beats {@code ANY};
 * empty segments (so a trailing slash) are ignored.
 */
public final class Router {

    private enum Kind { LITERAL, PARAM, GREEDY }

    private record Segment(Kind kind, String text) { }

    private record Resource(String path, Segment[] segments, Map<String, Route> methods) { }

    private final List<Resource> resources = new ArrayList<>();

    public Router(List<Route> routes) {
        Map<String, Resource> byPath = new LinkedHashMap<>();
        for (Route route : routes) {
            Resource resource = byPath.computeIfAbsent(route.resourcePath(),
                    p -> new Resource(p, compile(p), new HashMap<>()));
            resource.methods.put(route.httpMethod().toUpperCase(Locale.ROOT), route);
        }
        resources.addAll(byPath.values());
    }

    private static Segment[] compile(String resourcePath) {
        List<Segment> out = new ArrayList<>();
        String[] parts = resourcePath.split("/");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("{") && p.endsWith("+}")) {
                out.add(new Segment(Kind.GREEDY, p.substring(1, p.length() - 2)));
            } else if (p.startsWith("{") && p.endsWith("}")) {
                out.add(new Segment(Kind.PARAM, p.substring(1, p.length() - 1)));
            } else {
                out.add(new Segment(Kind.LITERAL, p));
            }
        }
        return out.toArray(new Segment[0]);
    }

    /**
     * The method for a verb and a raw (percent-encoded) stage-relative path, or null when no resource or
     * no method of the best resource matches.
     */
    public RouteMatch match(String verb, String rawPath) {
        List<int[]> bounds = split(rawPath);
        Resource best = null;
        for (Resource r : resources) {
            if (matches(r.segments, rawPath, bounds) && (best == null || moreSpecific(r.segments, best.segments))) {
                best = r;
            }
        }
        if (best == null) {
            return null;
        }
        Route route = best.methods.get(verb);
        if (route == null) {
            route = best.methods.get("ANY");
        }
        if (route == null) {
            return null;
        }
        return RouteMatch.method(rawPath, route, parameters(best.segments, rawPath, bounds));
    }

    /** Start/end offsets of each non-empty segment. */
    private static List<int[]> split(String path) {
        List<int[]> out = new ArrayList<>(4);
        int i = 0;
        int n = path.length();
        while (i < n) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            int start = i;
            while (i < n && path.charAt(i) != '/') {
                i++;
            }
            if (i > start) {
                out.add(new int[] {start, i});
            }
        }
        return out;
    }

    private static boolean matches(Segment[] segments, String path, List<int[]> bounds) {
        int n = segments.length;
        boolean greedy = n > 0 && segments[n - 1].kind == Kind.GREEDY;
        if (greedy ? bounds.size() < n : bounds.size() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            Segment s = segments[i];
            if (s.kind == Kind.LITERAL) {
                int[] b = bounds.get(i);
                int len = b[1] - b[0];
                // literals compare with the raw segment (resource paths are not percent-encoded)
                if (len != s.text.length() || !path.regionMatches(b[0], s.text, 0, len)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean moreSpecific(Segment[] a, Segment[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].kind.compareTo(b[i].kind);
            if (c != 0) {
                return c < 0;
            }
        }
        return a.length > b.length;
    }

    private static Map<String, String> parameters(Segment[] segments, String path, List<int[]> bounds) {
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            Segment s = segments[i];
            if (s.kind == Kind.LITERAL) {
                continue;
            }
            if (params == null) {
                params = new LinkedHashMap<>(4);
            }
            if (s.kind == Kind.PARAM) {
                int[] b = bounds.get(i);
                params.put(s.text, PercentDecoder.decode(path, b[0], b[1], false));
            } else {
                StringBuilder rest = new StringBuilder();
                for (int j = i; j < bounds.size(); j++) {
                    if (j > i) {
                        rest.append('/');
                    }
                    int[] b = bounds.get(j);
                    rest.append(PercentDecoder.decode(path, b[0], b[1], false));
                }
                params.put(s.text, rest.toString());
            }
        }
        return params;
    }
}
