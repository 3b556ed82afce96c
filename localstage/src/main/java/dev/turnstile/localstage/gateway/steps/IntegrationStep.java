package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.GatewayResponseType;
import dev.turnstile.localstage.gateway.Headers;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.RequestIds;
import dev.turnstile.localstage.gateway.integration.ProxyEventWriter;
import dev.turnstile.localstage.gateway.integration.ProxyResponseParser;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda proxy integration (reference §5): writes the payload-1.0 event, invokes the function, waits
 * at most the method's integration timeout (504) and maps Lambda's outcome: function error, Lambda
 * timeout or crash → 502, Lambda throttling or a missing function → 500, malformed response → 502.
 */
public final class IntegrationStep implements GatewayStep {

    static final String INTERNAL_ERROR = "Internal server error";
    static final String TIMED_OUT = "Endpoint request timed out";
    /** Header values masked in execution logs, as they carry secrets. */
    private static final Set<String> SECRET_HEADERS = Set.of("x-api-key", "authorization");

    private record Target(FunctionConfig function, String invokeUri, boolean dataTrace) { }

    private final StageClock clock;
    private final LambdaInvoker invoker;
    private final ProxyEventWriter events;
    private final ProxyResponseParser parser;
    private final Map<Route, Target> targets = new HashMap<>();

    public IntegrationStep(StageModel model, StageClock clock, LambdaInvoker invoker, ProxyEventWriter events,
                              ProxyResponseParser parser) {
        this.clock = clock;
        this.invoker = invoker;
        this.events = events;
        this.parser = parser;
        for (Route route : model.routes()) {
            FunctionConfig function = model.function(route.functionLogicalId()).orElseThrow(() ->
                    new IllegalArgumentException("method " + route.httpMethod() + " " + route.resourcePath()
                            + " integrates function '" + route.functionLogicalId() + "', which the template does not define"));
            if (route.integrationTimeoutMillis() < 50) {
                throw new IllegalArgumentException("method " + route.httpMethod() + " " + route.resourcePath()
                        + ": integration timeout must be at least 50 ms, got " + route.integrationTimeoutMillis());
            }
            boolean dataTrace = model.methodSetting(route.resourcePath(), route.httpMethod())
                    .map(MethodSetting::dataTraceEnabled).orElse(false);
            targets.put(route, new Target(function, "https://lambda." + model.region()
                    + ".amazonaws.com/2015-03-31/functions/" + function.arn(model.region(), model.accountId()) + "/invocations",
                    dataTrace));
        }
    }

    @Override
    public void apply(InvocationContext ctx) {
        Route route = ctx.route();
        Target target = targets.get(route);
        ExecutionLog log = ctx.executionLog();
        ctx.traceId(RequestIds.traceId(ctx.requestTimeEpoch()));
        if (log.infoEnabled()) {
            logMethodRequest(ctx, route, target, log);
        }
        byte[] event = events.proxyEvent(ctx);
        long start = clock.millis();
        InvocationResult result;
        try {
            result = invoker.invoke(target.function.logicalId(), event)
                    .get(route.integrationTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ctx.integrationLatencyMillis(clock.millis() - start);
            ctx.integrationError(TIMED_OUT);
            log.error(clock.millis(), "Execution failed due to a timeout error");
            throw new GatewayException(GatewayResponseType.INTEGRATION_TIMEOUT, TIMED_OUT, 504, e);
        } catch (ExecutionException e) {
            throw failure(ctx, 500, "Execution failed due to configuration error: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ctx, 500, "Execution failed: interrupted while waiting for the function", e);
        }
        long latency = clock.millis() - start;
        ctx.integrationLatencyMillis(latency);
        ctx.integrationRequestId(result.lambdaRequestId());
        switch (result.outcome()) {
            case SUCCESS -> accept(ctx, target, result, latency, log);
            case FUNCTION_ERROR, TIMEOUT, RUNTIME_ERROR -> {
                ctx.integrationServiceStatus(200);
                throw failure(ctx, 502, "Lambda execution failed with status 200 due to customer function error: "
                        + result.errorMessage() + ". Lambda request id: " + result.lambdaRequestId(), null);
            }
            case THROTTLED -> {
                ctx.integrationServiceStatus(429);
                log.error(clock.millis(), "Lambda invocation failed with status: 429. Lambda request id: " + result.lambdaRequestId());
                throw failure(ctx, 500, "Execution failed due to configuration error: Rate Exceeded.", null);
            }
            case NOT_FOUND -> {
                ctx.integrationServiceStatus(404);
                throw failure(ctx, 500, "Execution failed due to configuration error: Function not found: "
                        + target.function.functionName(), null);
            }
        }
    }

    private void accept(InvocationContext ctx, Target target, InvocationResult result, long latency, ExecutionLog log) {
        ctx.integrationServiceStatus(200);
        if (log.infoEnabled()) {
            log.info(clock.millis(), "Received response. Status: 200, Integration latency: " + latency + " ms");
            log.info(clock.millis(), "Endpoint response headers: {x-amzn-RequestId=" + result.lambdaRequestId()
                    + ", Content-Type=application/json, X-Amzn-Trace-Id=" + ctx.traceId() + "}");
            if (target.dataTrace) {
                log.info(clock.millis(), "Endpoint response body before transformations: " + result.payloadText());
            }
        }
        try {
            ProxyResponseParser.ProxyResponse response = parser.parse(result.payload());
            ctx.integrationStatus(response.statusCode());
            ctx.integrationResponse(response);
        } catch (ProxyResponseParser.MalformedProxyResponseException e) {
            ctx.integrationError("Malformed Lambda proxy response: " + e.getMessage());
            throw failure(ctx, 502, "Execution failed due to configuration error: Malformed Lambda proxy response", e);
        }
    }

    private GatewayException failure(InvocationContext ctx, int status, String line, Throwable cause) {
        if (ctx.integrationError() == null) {
            ctx.integrationError(line);
        }
        ctx.executionLog().error(clock.millis(), line);
        return new GatewayException(GatewayResponseType.INTEGRATION_FAILURE, INTERNAL_ERROR, status, cause);
    }

    private void logMethodRequest(InvocationContext ctx, Route route, Target target, ExecutionLog log) {
        long now = clock.millis();
        log.info(now, "Starting execution for request: " + ctx.requestId());
        log.info(now, "HTTP Method: " + ctx.request().httpMethod() + ", Resource Path: " + ctx.path());
        log.info(now, "Method request path: " + (ctx.pathParameters() == null ? "{}" : ctx.pathParameters()));
        StringJoiner query = new StringJoiner(", ", "{", "}");
        ctx.queryParameters().all().forEach((k, v) -> query.add(k + "=" + v.get(v.size() - 1)));
        log.info(now, "Method request query string: " + query);
        StringJoiner headers = new StringJoiner(", ", "{", "}");
        for (Headers.Field f : ctx.request().headers().fields()) {
            boolean secret = SECRET_HEADERS.contains(f.name().toLowerCase(java.util.Locale.ROOT));
            headers.add(f.name() + "=" + (secret ? ApiKeyConfig.mask(f.value()) : f.value()));
        }
        log.info(now, "Method request headers: " + headers);
        if (target.dataTrace) {
            log.info(now, "Method request body before transformations: "
                    + new String(ctx.request().body(), StandardCharsets.UTF_8));
        }
        log.info(now, "Endpoint request URI: " + target.invokeUri);
        log.info(now, "Sending request to " + target.invokeUri);
    }
}
