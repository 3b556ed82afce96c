package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayResponseType;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsageDecision;
import dev.turnstile.localstage.usageplan.UsagePlanEnforcer;

/**
 * The usage-plan step
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html):
 * reads the API key ({@code x-api-key}, case-insensitive; sent twice, its last value — the one the function's
 * {@code headers} map holds, docs/aws-behaviour.md §5.1 — so the key metered is the key the function sees; or
 * the authorizer's {@code usageIdentifierKey} when {@code apiKeySource} is AUTHORIZER), asks the
 * {@link UsagePlanEnforcer} and maps its verdict to 403 / 429 / 429.
 */
public final class UsagePlanStep implements GatewayStep {

    static final String API_KEY_HEADER = "x-api-key";

    private final StageModel model;
    private final StageClock clock;
    private final UsagePlanEnforcer enforcer;
    private final String apiStage;

    public UsagePlanStep(StageModel model, StageClock clock, UsagePlanEnforcer enforcer) {
        this.model = model;
        this.clock = clock;
        this.enforcer = enforcer;
        this.apiStage = model.restApiId() + "/" + model.stageName();
    }

    @Override
    public void apply(InvocationContext ctx) {
        Route route = ctx.route();
        String key = model.apiKeySource() == StageModel.ApiKeySource.AUTHORIZER
                ? (ctx.authorizerResult() == null ? null : ctx.authorizerResult().usageIdentifierKey())
                : ctx.request().headers().last(API_KEY_HEADER);
        ctx.apiKeyValue(key);
        ExecutionLog log = ctx.executionLog();
        String masked = ApiKeyConfig.mask(key);
        if (log.infoEnabled()) {
            log.info(clock.millis(), "Verifying Usage Plan for request: " + ctx.requestId() + ". API Key: " + masked
                    + " API Stage: " + apiStage);
        }
        UsageDecision decision = enforcer.check(route, key);
        if (decision == null) {
            throw new IllegalStateException("the usage plan enforcer returned no decision for " + route.throttleKey());
        }
        ctx.usageDecision(decision);
        switch (decision.verdict()) {
            case ADMITTED -> log.info(clock.millis(), "Usage Plan check succeeded for API Key " + masked
                    + " and API Stage " + apiStage);
            case NOT_METERED -> {
                if (log.infoEnabled()) {
                    log.info(clock.millis(), "API Key " + masked + " authorized because method '" + route.httpMethod() + " "
                            + route.resourcePath() + "' does not require API Key. Request will not contribute to throttle or quota limits");
                    log.info(clock.millis(), "Usage Plan check succeeded for API Key " + masked + " and API Stage " + apiStage);
                }
            }
            case INVALID_API_KEY -> {
                log.error(clock.millis(), "API Key " + masked + " not authorized because method '" + route.httpMethod() + " "
                        + route.resourcePath() + "' requires API Key and API Key is not associated with a Usage Plan for API Stage "
                        + apiStage + (decision.detail() == null ? "" : ": " + decision.detail()));
                throw new GatewayException(GatewayResponseType.INVALID_API_KEY, "Forbidden");
            }
            case THROTTLED -> {
                log.error(clock.millis(), "API Key " + masked + " exceeded throttle limit for API Stage " + apiStage + ": "
                        + (decision.detail() == null ? "throttle limit exceeded" : decision.detail()));
                throw new GatewayException(GatewayResponseType.THROTTLED, "Too Many Requests");
            }
            case QUOTA_EXCEEDED -> {
                log.error(clock.millis(), "API Key " + masked + " exceeded quota limit for API Stage " + apiStage + ": "
                        + (decision.detail() == null ? "quota exhausted" : decision.detail()));
                throw new GatewayException(GatewayResponseType.QUOTA_EXCEEDED, "Limit Exceeded");
            }
        }
    }
}
