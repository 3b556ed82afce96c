package dev.turnstile.localstage.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.cloudwatch.MetricSink;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerCache;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerOutputParser;
import dev.turnstile.localstage.gateway.integration.ProxyEventWriter;
import dev.turnstile.localstage.gateway.integration.ProxyResponseParser;
import dev.turnstile.localstage.gateway.logging.AccessLogWriter;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.gateway.logging.ExecutionLogWriter;
import dev.turnstile.localstage.gateway.metrics.ApiGatewayMetricsWriter;
import dev.turnstile.localstage.gateway.steps.AuthorizerStep;
import dev.turnstile.localstage.gateway.steps.IntegrationStep;
import dev.turnstile.localstage.gateway.steps.MethodResponseStep;
import dev.turnstile.localstage.gateway.steps.ParseStep;
import dev.turnstile.localstage.gateway.steps.ResponseHeadersStep;
import dev.turnstile.localstage.gateway.steps.RouteStep;
import dev.turnstile.localstage.gateway.steps.UsagePlanStep;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsagePlanEnforcer;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API data plane of one stage: runs each request through the {@link GatewayPipeline} declared in the
 * constructor — request steps, the renderer for gateway errors, response steps, finalizers. Thread-safe; the
 * calling thread waits for Lambda.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final StageClock clock;
    private final GatewayPipeline pipeline;
    private final ExecutionLog.Level stageLevel;
    private final AuthorizerCache authorizerCache;
    private final AccessLogWriter accessLog;

    public Gateway(StageModel model, StageClock clock, LambdaInvoker invoker, UsagePlanEnforcer enforcer,
                   LogSink logSink, MetricSink metricSink, GatewayOptions options) {
        Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(enforcer, "enforcer");
        Objects.requireNonNull(logSink, "logSink");
        Objects.requireNonNull(metricSink, "metricSink");
        Objects.requireNonNull(options, "options");
        ObjectMapper mapper = new ObjectMapper();
        ProxyEventWriter events = new ProxyEventWriter(mapper.getFactory(), model, options);
        ContextVariables variables = new ContextVariables(model, options, events::domainName);
        this.authorizerCache = new AuthorizerCache(clock);
        this.stageLevel = stageLevel(model);
        ExecutionLogWriter executionLog = ExecutionLogWriter.forStage(logSink, model).orElse(null);
        this.accessLog = AccessLogWriter.forStage(logSink, model, variables).orElse(null);
        this.pipeline = new GatewayPipeline(
                List.of( // request steps, in API Gateway's order; the first GatewayException stops them
                        new ParseStep(options.maxBodyBytes()),
                        new RouteStep(model),
                        new AuthorizerStep(model, clock, invoker, authorizerCache, events, variables,
                                new AuthorizerOutputParser(mapper), options.authorizerGraceMillis()),
                        new UsagePlanStep(model, clock, enforcer),
                        new IntegrationStep(model, clock, invoker, events, new ProxyResponseParser(mapper)),
                        new MethodResponseStep(clock)),
                new GatewayResponseRenderer(model, variables), // the gateway error, as its (customised) response
                List.of(new ResponseHeadersStep()), // response steps, on every response
                present(executionLog, accessLog, // finalizers, for this stage's requests once the response is complete
                        new ApiGatewayMetricsWriter(metricSink, model, model.restApiName())));
    }

    /** Serves one request. Never throws for request-level failures: they become gateway responses. */
    public GatewayResponse handle(GatewayRequest request) {
        InvocationContext ctx = new InvocationContext(request, clock.millis(), new ExecutionLog(stageLevel));
        try {
            for (GatewayStep step : pipeline.requestSteps()) {
                step.apply(ctx);
            }
        } catch (GatewayException e) {
            ctx.error(e);
        } catch (RuntimeException e) {
            ctx.error(internalError(ctx, e));
        }
        if (ctx.error() != null) {
            ctx.response(pipeline.errorRenderer().render(ctx));
        }
        pipeline.responseSteps().forEach(step -> step.apply(ctx));
        ctx.responseComplete(clock.millis());
        if (ctx.stageMatched()) { // a request to another stage is not this stage's to log
            pipeline.finalizers().forEach(step -> step.apply(ctx));
        }
        return ctx.response();
    }

    /** A bug or a broken collaborator: answered like API Gateway's internal failure, the cause kept visible. */
    private GatewayException internalError(InvocationContext ctx, RuntimeException e) {
        LOG.error("request {} failed inside the gateway", ctx.requestId(), e);
        ctx.executionLog().error(clock.millis(), "Execution failed due to an internal error: " + e);
        return new GatewayException(GatewayResponseType.API_CONFIGURATION_ERROR, "Internal server error", 500, e);
    }

    /** The finalizers the stage configures (a writer is null when its log is off). */
    private static List<GatewayStep> present(GatewayStep... finalizers) {
        return Stream.of(finalizers).filter(Objects::nonNull).toList();
    }

    /** The stage-wide execution-log level ({@code /*} {@code *}), used until routing finds the method's own. */
    private static ExecutionLog.Level stageLevel(StageModel model) {
        return ExecutionLog.Level.parse(model.methodSettings().stream()
                .filter(s -> "/*".equals(s.resourcePath()) && "*".equals(s.httpMethod()))
                .map(MethodSetting::loggingLevel).findFirst().orElse(null));
    }

    /** The access-log writer, or null when the stage has no access logging. */
    public AccessLogWriter accessLog() {
        return accessLog;
    }

    /** The authorizer result cache (exposed for diagnostics and tests). */
    public AuthorizerCache authorizerCache() {
        return authorizerCache;
    }
}
