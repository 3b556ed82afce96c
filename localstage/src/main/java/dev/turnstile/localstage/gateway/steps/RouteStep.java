package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayResponseType;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.RouteMatch;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Routing: the first path segment must be the stage; the rest selects the method ({@link Router}; greedy
 * {@code {proxy+}} resources:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html).
 * No match → 403 MISSING_AUTHENTICATION_TOKEN. Also fixes the execution-log level from the matched
 * method's setting.
 *
 * <p>Empty segments as API Gateway treats them (docs/aws-behaviour.md §2.1): slashes before the stage are
 * ignored ({@code //Prod/items}), slashes between the stage and the first segment collapse into one for routing
 * and the event's {@code path} ({@code /Prod//items} → {@code /items}) while {@code $context.path} keeps them, and
 * empty segments further on are segments: a literal or {@code {param}} never matches one, a greedy variable
 * receives them.
 */
public final class RouteStep implements GatewayStep {

    static final String MISSING_TOKEN = "Missing Authentication Token";

    private final String stageName;
    private final Router router;
    private final Map<Route, ExecutionLog.Level> levels = new HashMap<>();

    public RouteStep(StageModel model) {
        this.stageName = model.stageName();
        this.router = new Router(model.routes());
        for (Route route : model.routes()) {
            levels.put(route, ExecutionLog.Level.parse(model.methodSetting(route.resourcePath(), route.httpMethod())
                    .map(MethodSetting::loggingLevel).orElse(null)));
        }
    }

    @Override
    public void apply(InvocationContext ctx) {
        String raw = ctx.request().rawPath();
        int stageStart = skipSlashes(raw, 0);
        int stageEnd = raw.indexOf('/', stageStart);
        stageEnd = stageEnd < 0 ? raw.length() : stageEnd;
        boolean onStage = stageEnd - stageStart == stageName.length() && raw.startsWith(stageName, stageStart);
        if (!onStage) {
            // another stage or no stage: not this stage's request, so none of its logs
            ctx.route(RouteMatch.offStage());
            ctx.executionLog().suppress();
            throw new GatewayException(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN);
        }
        String rest = raw.substring(stageEnd);
        String stagePath = "/" + stageName + (rest.isEmpty() ? "/" : rest);
        String path = "/" + rest.substring(skipSlashes(rest, 0));
        Router.Match match = router.match(ctx.request().httpMethod(), path);
        if (match == null) {
            ctx.route(RouteMatch.noMethod(path, stagePath));
            ctx.executionLog().suppress(); // no method, so no method execution to log
            throw new GatewayException(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN);
        }
        ctx.route(RouteMatch.method(path, stagePath, match.route(), match.pathParameters()));
        ctx.executionLog().level(levels.get(match.route()));
        ctx.executionLog().info(ctx.requestTimeEpoch(), "Extended Request Id: " + ctx.extendedRequestId());
    }

    private static int skipSlashes(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        return i;
    }
}
