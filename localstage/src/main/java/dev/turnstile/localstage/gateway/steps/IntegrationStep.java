package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayResponseType;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.Headers;
import dev.turnstile.localstage.gateway.IntegrationOutcome;
import dev.turnstile.localstage.gateway.InvocationContext;
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
 * The Lambda proxy integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html):
 * writes the payload-1.0 event, invokes the function, waits
 * at most the method's integration timeout (504) and maps Lambda's outcome: function error, Lambda
 * timeout or crash → 502, Lambda throttling or a missing function → 500, malformed response → 502. An event over
 * Lambda's 6 MB synchronous payload limit is never sent: 413 REQUEST_TOO_LARGE (docs/aws-behaviour.md §5.3, §12).
 */
public final class IntegrationStep implements GatewayStep {

    static final String INTERNAL_ERROR = "Internal server error";
    static final String TIMED_OUT = "Endpoint request timed out";
    /**
     * Lambda's synchronous invocation payload limit, 6 MB: 6 × 1024 × 1024 bytes, the figure Lambda's own error
     * states (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
     */
    public static final int LAMBDA_SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
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
        // the template reader checked each route: its function exists and its timeout is 50 ms to 29 s
        for (Route route : model.routes()) {
            FunctionConfig function = model.function(route.functionLogicalId()).orElseThrow();
            boolean dataTrace = model.methodSetting(route.resourcePath(), route.httpMethod())
                    .map(MethodSetting::dataTraceEnabled).orElse(false);
            targets.put(route, new Target(function, function.invocationUri(model.region(), model.accountId()), dataTrace));
        }
    }

    @Override
    public void apply(InvocationContext ctx) {
        Route route = ctx.route();
        Target target = targets.get(route);
        ExecutionLog log = ctx.executionLog();
        String traceId = ctx.traceHeader().rootField();
        if (log.infoEnabled()) {
            logMethodRequest(ctx, route, target, log);
        }
        byte[] event = events.proxyEvent(ctx, traceId);
        if (event.length > LAMBDA_SYNC_PAYLOAD_LIMIT) {
            // the body fits API Gateway's 10 MB but the event does not fit Lambda's 6 MB: the function is not invoked
            String line = "Execution failed: " + event.length + " byte payload is too large for the RequestResponse"
                    + " invocation type (limit " + LAMBDA_SYNC_PAYLOAD_LIMIT + " bytes)";
            ctx.integration(new IntegrationOutcome(traceId, null, null, null, null, line));
            log.error(clock.millis(), line);
            throw new GatewayException(GatewayResponseType.REQUEST_TOO_LARGE, "Request Too Large");
        }
        long start = clock.millis();
        InvocationResult result;
        try {
            result = invoker.invoke(target.function.logicalId(), event, ctx.traceHeader().toString())
                    .get(route.integrationTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ctx.integration(new IntegrationOutcome(traceId, clock.millis() - start, null, null, null, TIMED_OUT));
            log.error(clock.millis(), "Execution failed due to a timeout error");
            throw new GatewayException(GatewayResponseType.INTEGRATION_TIMEOUT, TIMED_OUT, 504, e);
        } catch (ExecutionException e) {
            String line = "Execution failed due to configuration error: " + e.getCause();
            throw failure(ctx, new IntegrationOutcome(traceId, null, null, null, null, line), 500, line, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String line = "Execution failed: interrupted while waiting for the function";
            throw failure(ctx, new IntegrationOutcome(traceId, null, null, null, null, line), 500, line, e);
        }
        long latency = clock.millis() - start;
        String lambdaRequestId = result.lambdaRequestId();
        switch (result.outcome()) {
            case SUCCESS -> accept(ctx, target, result, traceId, latency, log);
            case FUNCTION_ERROR, TIMEOUT, RUNTIME_ERROR -> {
                String line = "Lambda execution failed with status 200 due to customer function error: "
                        + result.errorMessage() + ". Lambda request id: " + lambdaRequestId;
                throw failure(ctx, new IntegrationOutcome(traceId, latency, 200, lambdaRequestId, null, line), 502, line,
                        null);
            }
            case THROTTLED -> {
                log.error(clock.millis(), "Lambda invocation failed with status: 429. Lambda request id: " + lambdaRequestId);
                String line = "Execution failed due to configuration error: Rate Exceeded.";
                throw failure(ctx, new IntegrationOutcome(traceId, latency, 429, lambdaRequestId, null, line), 500, line,
                        null);
            }
            case NOT_FOUND -> {
                String line = "Execution failed due to configuration error: Function not found: "
                        + target.function.functionName();
                throw failure(ctx, new IntegrationOutcome(traceId, latency, 404, lambdaRequestId, null, line), 500, line,
                        null);
            }
        }
    }

    private void accept(InvocationContext ctx, Target target, InvocationResult result, String traceId, long latency,
                        ExecutionLog log) {
        if (log.infoEnabled()) {
            log.info(clock.millis(), "Received response. Status: 200, Integration latency: " + latency + " ms");
            log.info(clock.millis(), "Endpoint response headers: {x-amzn-RequestId=" + result.lambdaRequestId()
                    + ", Content-Type=application/json, X-Amzn-Trace-Id=" + traceId + "}");
            if (target.dataTrace) {
                log.info(clock.millis(), "Endpoint response body before transformations: " + result.payloadText());
            }
        }
        ProxyResponseParser.ProxyResponse response;
        try {
            response = parser.parse(result.payload());
        } catch (ProxyResponseParser.MalformedProxyResponseException e) {
            throw failure(ctx, new IntegrationOutcome(traceId, latency, 200, result.lambdaRequestId(), null,
                            "Malformed Lambda proxy response: " + e.getMessage()), 502,
                    "Execution failed due to configuration error: Malformed Lambda proxy response", e);
        }
        ctx.integration(new IntegrationOutcome(traceId, latency, 200, result.lambdaRequestId(), response, null));
    }

    /** Writes the failed outcome and logs {@code line}; returns the INTEGRATION_FAILURE to throw. */
    private GatewayException failure(InvocationContext ctx, IntegrationOutcome outcome, int status, String line,
                                     Throwable cause) {
        ctx.integration(outcome);
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
