package dev.turnstile.localstage.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerCache;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerOutputParser;
import dev.turnstile.localstage.gateway.steps.AuthorizerStep;
import dev.turnstile.localstage.gateway.steps.IntegrationStep;
import dev.turnstile.localstage.gateway.steps.MethodResponseStep;
import dev.turnstile.localstage.gateway.steps.ParseStep;
import dev.turnstile.localstage.gateway.steps.ResponseHeadersStep;
import dev.turnstile.localstage.gateway.steps.RouteStep;
import dev.turnstile.localstage.gateway.steps.UsagePlanStep;
import dev.turnstile.localstage.gateway.integration.ProxyEventWriter;
import dev.turnstile.localstage.gateway.integration.ProxyResponseParser;
import dev.turnstile.localstage.gateway.logging.AccessLogWriter;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.gateway.logging.ExecutionLogWriter;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsagePlanEnforcer;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API data plane of one stage: runs each request through the pipeline
 * parse → route → authorizer → usage plan → integration → method response, renders any gateway error,
 * adds the response headers and writes the access and execution logs. Thread-safe; the calling thread
 * waits for Lambda.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final StageClock clock;
    private final List<GatewayStep> pipeline;
    private final GatewayStep responseHeaders = new ResponseHeadersStep();
    private final GatewayResponseRenderer renderer;
    private final AccessLogWriter accessLog;
    private final ExecutionLogWriter executionLog;
    private final ExecutionLog.Level stageLevel;
    private final AuthorizerCache authorizerCache;

    public Gateway(StageModel model, StageClock clock, LambdaInvoker invoker, UsagePlanEnforcer enforcer,
                   LogSink logSink, GatewayOptions options) {
        Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(enforcer, "enforcer");
        Objects.requireNonNull(logSink, "logSink");
        Objects.requireNonNull(options, "options");
        ObjectMapper mapper = new ObjectMapper();
        ProxyEventWriter events = new ProxyEventWriter(mapper.getFactory(), model, options);
        ContextVariables variables = new ContextVariables(model, options, events::domainName);
        this.authorizerCache = new AuthorizerCache(clock);
        this.pipeline = List.of(
                new ParseStep(options.maxBodyBytes()),
                new RouteStep(model),
                new AuthorizerStep(model, clock, invoker, authorizerCache, events, new AuthorizerOutputParser(mapper),
                        options.authorizerGraceMillis()),
                new UsagePlanStep(model, clock, enforcer),
                new IntegrationStep(model, clock, invoker, events, new ProxyResponseParser(mapper)),
                new MethodResponseStep(clock));
        this.renderer = new GatewayResponseRenderer(model, variables);
        this.accessLog = model.accessLog() == null ? null : new AccessLogWriter(logSink, model.accessLog(), variables);
        this.stageLevel = ExecutionLog.Level.parse(model.methodSettings().stream()
                .filter(s -> "/*".equals(s.resourcePath()) && "*".equals(s.httpMethod()))
                .map(MethodSetting::loggingLevel).findFirst().orElse(null));
        boolean anyExecutionLogging = stageLevel != ExecutionLog.Level.OFF || model.methodSettings().stream()
                .anyMatch(s -> ExecutionLog.Level.parse(s.loggingLevel()) != ExecutionLog.Level.OFF);
        this.executionLog = anyExecutionLogging ? new ExecutionLogWriter(logSink, model.executionLogGroup()) : null;
    }

    /** Serves one request. Never throws for request-level failures: they become gateway responses. */
    public GatewayResponse handle(GatewayRequest request) {
        InvocationContext ctx = new InvocationContext(request, clock.millis(), new ExecutionLog(stageLevel));
        try {
            for (GatewayStep step : pipeline) {
                step.apply(ctx);
            }
        } catch (GatewayException e) {
            ctx.error(e);
        } catch (RuntimeException e) {
            // a bug or a broken collaborator: answer like API Gateway's internal failure, keep the cause visible
            LOG.error("request {} failed inside the gateway", ctx.requestId(), e);
            ctx.executionLog().error(clock.millis(), "Execution failed due to an internal error: " + e);
            ctx.error(new GatewayException(GatewayResponseType.API_CONFIGURATION_ERROR, "Internal server error", 500, e));
        }
        if (ctx.error() != null) {
            ctx.response(renderer.render(ctx));
        }
        responseHeaders.apply(ctx);
        ctx.responseComplete(clock.millis());
        writeLogs(ctx);
        return ctx.response();
    }

    private void writeLogs(InvocationContext ctx) {
        if (!ctx.stageMatched()) {
            return;
        }
        long now = clock.millis();
        if (executionLog != null) {
            int status = ctx.response().status();
            if (status >= 400) {
                ctx.executionLog().error(now, "Method completed with status: " + status);
            } else {
                ctx.executionLog().info(now, "Method completed with status: " + status);
            }
            if (ctx.integrationRequestId() != null) {
                ctx.executionLog().info(now, "AWS Integration Endpoint RequestId : " + ctx.integrationRequestId());
            }
            if (ctx.traceId() != null) {
                ctx.executionLog().info(now, "X-ray Tracing ID : " + ctx.traceId());
            }
            executionLog.write(ctx);
        }
        if (accessLog != null) {
            accessLog.write(ctx, now);
        }
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
