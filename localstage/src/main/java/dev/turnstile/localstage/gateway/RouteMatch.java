package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.model.Route;
import java.util.Map;

/**
 * Where the route step put a request: not on this stage, on it without a method, or on a method. Written once
 * by the route step; read by the later steps, the renderer, the log writers and {@code $context}.
 *
 * @param onStage        whether the first path segment is this stage (requests to other stages get none of its logs)
 * @param path           the path without the stage as the proxy event's {@code path} carries it: slashes between
 *                       the stage and the first segment collapsed to one, the rest as sent (e.g. {@code /items/42},
 *                       {@code /a//b/}); null when not on this stage
 * @param stagePath      {@code $context.path}: the path with the stage, slashes before the stage collapsed to one,
 *                       the rest as sent (e.g. {@code /Prod//items}); null when not on this stage
 * @param route          the method, or null when none matches
 * @param pathParameters path parameters (a greedy one as sent, others decoded), or null when the resource has none
 *                       or no method matched
 */
public record RouteMatch(boolean onStage, String path, String stagePath, Route route,
                         Map<String, String> pathParameters) {

    private static final RouteMatch OFF_STAGE = new RouteMatch(false, null, null, null, null);

    /** A request whose first path segment is another stage, or no stage. */
    public static RouteMatch offStage() {
        return OFF_STAGE;
    }

    /** A path on this stage that no method of the API serves. */
    public static RouteMatch noMethod(String path, String stagePath) {
        return new RouteMatch(true, path, stagePath, null, null);
    }

    /** A path on this stage served by {@code route}. */
    public static RouteMatch method(String path, String stagePath, Route route, Map<String, String> pathParameters) {
        return new RouteMatch(true, path, stagePath, route, pathParameters);
    }
}
