package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.GatewayResponseType;
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
 */
public final class RouteStep implements GatewayStep {

    static final String MISSING_TOKEN = "Missing Authentication Token";

    private final String stagePrefix;
    private final Router router;
    private final Map<Route, ExecutionLog.Level> levels = new HashMap<>();

    public RouteStep(StageModel model) {
        this.stagePrefix = "/" + model.stageName();
        this.router = new Router(model.routes());
        for (Route route : model.routes()) {
            levels.put(route, ExecutionLog.Level.parse(model.methodSetting(route.resourcePath(), route.httpMethod())
                    .map(MethodSetting::loggingLevel).orElse(null)));
        }
    }

    @Override
    public void apply(InvocationContext ctx) {
        String raw = ctx.request().rawPath();
        boolean onStage = raw.startsWith(stagePrefix)
                && (raw.length() == stagePrefix.length() || raw.charAt(stagePrefix.length()) == '/');
        if (!onStage) {
            // another stage or no stage: not this stage's request, so none of its logs
            ctx.route(RouteMatch.offStage());
            ctx.executionLog().suppress();
            throw new GatewayException(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN);
        }
        String path = raw.length() == stagePrefix.length() ? "/" : raw.substring(stagePrefix.length());
        RouteMatch match = router.match(ctx.request().httpMethod(), path);
        if (match == null) {
            ctx.route(RouteMatch.noMethod(path));
            ctx.executionLog().suppress(); // no method, so no method execution to log
            throw new GatewayException(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN);
        }
        ctx.route(match);
        ctx.executionLog().level(levels.get(match.route()));
        ctx.executionLog().info(ctx.requestTimeEpoch(), "Extended Request Id: " + ctx.extendedRequestId());
    }
}
