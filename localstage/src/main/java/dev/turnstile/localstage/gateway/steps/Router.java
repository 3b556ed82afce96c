package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.PercentDecoder;
import dev.turnstile.localstage.model.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches a stage-relative path and verb to a method, compiled once from the routes: literal segments
 * beat {@code {param}} segments, which beat a greedy {@code {proxy+}}; an exact verb beats {@code ANY}.
 * Trailing slashes are ignored; an empty segment inside the path is a segment that no literal and no
 * {@code {param}} matches, and a greedy variable receives it (docs/aws-behaviour.md §2.1).
 */
public final class Router {

    /** The method a path selects and its path parameters (null when the resource has none). */
    public record Match(Route route, Map<String, String> pathParameters) { }

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
        for (String p : resourcePath.split("/")) {
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
     * The method for a verb and a raw (percent-encoded) stage-relative path starting with one {@code /}, or null
     * when no resource or no method of the best resource matches.
     */
    public Match match(String verb, String rawPath) {
        int end = rawPath.length();
        while (end > 0 && rawPath.charAt(end - 1) == '/') {
            end--; // trailing slashes are ignored
        }
        List<int[]> bounds = split(rawPath, end);
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
        return new Match(route, parameters(best.segments, rawPath, end, bounds));
    }

    /** Start/end offsets of each segment of {@code path[0, end)}, empty ones included; none for the root. */
    private static List<int[]> split(String path, int end) {
        List<int[]> out = new ArrayList<>(4);
        int start = path.startsWith("/") ? 1 : 0;
        if (start >= end) {
            return out;
        }
        for (int i = start; i <= end; i++) {
            if (i == end || path.charAt(i) == '/') {
                out.add(new int[] {start, i});
                start = i + 1;
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
            int[] b = bounds.get(i);
            int len = b[1] - b[0];
            if (len == 0) {
                return false; // an empty segment is no literal, no parameter value and no start of a greedy one
            }
            // literals compare with the raw segment (resource paths are not percent-encoded)
            if (s.kind == Kind.LITERAL && (len != s.text.length() || !path.regionMatches(b[0], s.text, 0, len))) {
                return false;
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

    /** {@code {param}} values decoded; a greedy value as sent, inner empty segments included (observed on AWS). */
    private static Map<String, String> parameters(Segment[] segments, String path, int end, List<int[]> bounds) {
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            Segment s = segments[i];
            if (s.kind == Kind.LITERAL) {
                continue;
            }
            if (params == null) {
                params = new LinkedHashMap<>(4);
            }
            int[] b = bounds.get(i);
            params.put(s.text, s.kind == Kind.PARAM ? PercentDecoder.decode(path, b[0], b[1], false)
                    : path.substring(b[0], end));
        }
        return params;
    }
}
