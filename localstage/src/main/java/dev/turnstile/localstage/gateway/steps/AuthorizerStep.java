package dev.turnstile.localstage.gateway.steps;

import dev.turnstile.localstage.gateway.AuthorizerOutcome;
import dev.turnstile.localstage.gateway.ContextVariables;
import dev.turnstile.localstage.gateway.GatewayException;
import dev.turnstile.localstage.gateway.GatewayResponseType;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerCache;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerOutputParser;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;
import dev.turnstile.localstage.gateway.authorizer.MethodArn;
import dev.turnstile.localstage.gateway.authorizer.PolicyDecision;
import dev.turnstile.localstage.gateway.integration.ProxyEventWriter;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.AuthorizerConfig.IdentitySource;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The Lambda authorizer step
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html):
 * identity check (401 without invoking), result
 * cache, invocation, output validation (500 on anything malformed) and policy evaluation against the
 * request's methodArn (403 on explicit or implicit deny).
 */
public final class AuthorizerStep implements GatewayStep {

    static final String UNAUTHORIZED = "Unauthorized";
    static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";
    static final String IMPLICIT_DENY = "User is not authorized to access this resource";

    /** An authorizer, compiled: identity-source readers, validation pattern and function settings resolved once. */
    private record Compiled(AuthorizerConfig config, List<ContextVariables.Resolver> identity, Pattern validation,
                            FunctionConfig function, String invokeUri) { }

    private final StageModel model;
    private final StageClock clock;
    private final LambdaInvoker invoker;
    private final AuthorizerCache cache;
    private final ProxyEventWriter events;
    private final AuthorizerOutputParser parser;
    private final long graceMillis;
    private final Map<String, Compiled> authorizers = new HashMap<>();

    public AuthorizerStep(StageModel model, StageClock clock, LambdaInvoker invoker, AuthorizerCache cache,
                          ProxyEventWriter events, ContextVariables variables, AuthorizerOutputParser parser,
                          long graceMillis) {
        this.model = model;
        this.clock = clock;
        this.invoker = invoker;
        this.cache = cache;
        this.events = events;
        this.parser = parser;
        this.graceMillis = graceMillis;
        // the template reader checked every reference: each route's authorizer exists, and so does its function
        for (Route route : model.routes()) {
            String name = route.authorizerName();
            if (name != null) {
                authorizers.computeIfAbsent(name, n -> compile(model.authorizers().get(n), variables));
            }
        }
    }

    private Compiled compile(AuthorizerConfig config, ContextVariables variables) {
        List<ContextVariables.Resolver> identity = new ArrayList<>();
        for (IdentitySource s : config.identitySources()) {
            String name = s.name();
            identity.add(switch (s.kind()) {
                // the last value, as the event's single-value headers map holds it: the cache key must be the value
                // the function judged, or a repeated header caches one identity's result under another's
                // (docs/aws-behaviour.md §4.2, §4.6)
                case HEADER -> ctx -> ctx.request().headers().last(name);
                case QUERY_STRING -> ctx -> ctx.queryParameters().last(name);
                case STAGE_VARIABLE -> variables.stageVariable(name);
                // the reader allowed only IdentitySource.CONTEXT_VARIABLES, each a $context variable
                case CONTEXT -> Objects.requireNonNull(variables.resolver(name), name);
            });
        }
        FunctionConfig function = model.function(config.functionLogicalId()).orElseThrow();
        Pattern validation = config.validationExpression() == null || config.validationExpression().isEmpty()
                ? null : Pattern.compile(config.validationExpression());
        return new Compiled(config, List.copyOf(identity), validation, function,
                function.invocationUri(model.region(), model.accountId()));
    }

    @Override
    public void apply(InvocationContext ctx) {
        String name = ctx.route().authorizerName();
        if (name == null) {
            return;
        }
        Compiled auth = authorizers.get(name);
        AuthorizerConfig config = auth.config;
        String[] identity = identityValues(ctx, auth);
        ExecutionLog log = ctx.executionLog();
        String methodArn = MethodArn.of(model, ctx.request().httpMethod(), ctx.path());
        if (log.infoEnabled()) {
            log.info(clock.millis(), "Starting authorizer: " + config.id() + " for request: " + ctx.requestId());
            if (config.type() == AuthorizerConfig.Type.TOKEN) {
                log.info(clock.millis(), "Incoming identity: " + ApiKeyConfig.mask(identity[0]));
            }
        }
        String cacheKey = cacheKey(name, identity);
        AuthorizerResult cached = cacheKey == null ? null : cache.get(cacheKey);
        AuthorizerResult result;
        long latency;
        if (cached != null) {
            result = cached;
            latency = 0L;
            log.info(clock.millis(), "Using valid authorizer policy for methodArn: " + methodArn);
        } else {
            Invoked fresh = invoke(ctx, auth, identity, methodArn);
            result = fresh.result();
            latency = fresh.latencyMillis();
            if (cacheKey != null) {
                cache.put(cacheKey, result, config.ttlSeconds());
            }
        }
        boolean invoked = cached == null;
        switch (PolicyDecision.evaluate(result.statements(), methodArn)) {
            case ALLOW -> {
                ctx.authorizer(new AuthorizerOutcome(result, latency, 200, null, invoked));
                log.info(clock.millis(), "Successfully completed authorizer execution");
            }
            case EXPLICIT_DENY -> throw deny(ctx, new AuthorizerOutcome(result, latency, 403, EXPLICIT_DENY, invoked));
            case IMPLICIT_DENY -> throw deny(ctx, new AuthorizerOutcome(result, latency, 403, IMPLICIT_DENY, invoked));
        }
    }

    private GatewayException deny(InvocationContext ctx, AuthorizerOutcome outcome) {
        ctx.authorizer(outcome);
        ctx.executionLog().error(clock.millis(), "The client is not authorized to perform this operation.");
        return new GatewayException(GatewayResponseType.ACCESS_DENIED, outcome.error());
    }

    /** The identity values in source order; a missing or empty one is a 401 without invoking (not execution-logged). */
    private static String[] identityValues(InvocationContext ctx, Compiled auth) {
        String[] values = new String[auth.identity.size()];
        for (int i = 0; i < values.length; i++) {
            String v = auth.identity.get(i).apply(ctx);
            if (v == null || v.isEmpty()) {
                throw identityRejected(ctx);
            }
            values[i] = v;
        }
        if (auth.validation != null && !auth.validation.matcher(values[0]).matches()) {
            throw identityRejected(ctx);
        }
        return values;
    }

    private static GatewayException identityRejected(InvocationContext ctx) {
        ctx.authorizer(new AuthorizerOutcome(null, null, 401, UNAUTHORIZED, false));
        ctx.executionLog().suppress();
        return new GatewayException(GatewayResponseType.UNAUTHORIZED, UNAUTHORIZED);
    }

    /** Null when caching is off. */
    private static String cacheKey(String name, String[] identity) {
        if (identity.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(name);
        for (String v : identity) {
            sb.append('\u0000').append(v);
        }
        return sb.toString();
    }

    /** A fresh authorizer answer and how long the function took. */
    private record Invoked(AuthorizerResult result, long latencyMillis) { }

    /** Invokes the authorizer function; every failure writes the outcome and throws. */
    private Invoked invoke(InvocationContext ctx, Compiled auth, String[] identity, String methodArn) {
        ExecutionLog log = ctx.executionLog();
        log.info(clock.millis(), "Endpoint request URI: " + auth.invokeUri);
        log.info(clock.millis(), "Sending request to " + auth.invokeUri);
        byte[] event = auth.config.type() == AuthorizerConfig.Type.TOKEN
                ? events.tokenAuthorizerEvent(identity[0], methodArn)
                : events.requestAuthorizerEvent(ctx, methodArn);
        long start = clock.millis();
        InvocationResult result;
        try {
            result = invoker.invoke(auth.function.logicalId(), event)
                    .get(auth.function.timeoutSeconds() * 1000L + graceMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw configurationError(ctx, clock.millis() - start, "authorizer did not answer within its timeout", e);
        } catch (ExecutionException e) {
            throw configurationError(ctx, clock.millis() - start, "authorizer invocation failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw configurationError(ctx, clock.millis() - start, "interrupted while waiting for the authorizer", e);
        }
        long latency = clock.millis() - start;
        if (result.outcome() == InvocationResult.Outcome.FUNCTION_ERROR && UNAUTHORIZED.equals(result.errorMessage())) {
            ctx.authorizer(new AuthorizerOutcome(null, latency, 401, UNAUTHORIZED, true));
            log.error(clock.millis(), "Unauthorized request: " + ctx.requestId());
            throw new GatewayException(GatewayResponseType.UNAUTHORIZED, UNAUTHORIZED);
        }
        if (result.outcome() != InvocationResult.Outcome.SUCCESS) {
            throw configurationError(ctx, latency, "authorizer " + result.outcome() + ": " + result.errorMessage(), null);
        }
        try {
            return new Invoked(parser.parse(result.payload()), latency);
        } catch (AuthorizerOutputParser.MalformedOutputException e) {
            throw configurationError(ctx, latency, e.getMessage(), e);
        }
    }

    private GatewayException configurationError(InvocationContext ctx, long latency, String reason, Throwable cause) {
        ctx.authorizer(new AuthorizerOutcome(null, latency, 500, reason, true));
        ExecutionLog log = ctx.executionLog();
        log.error(clock.millis(), "Execution failed due to configuration error: Authorizer error");
        log.error(clock.millis(), "Authorizer error detail: " + reason);
        log.error(clock.millis(), "AuthorizerConfigurationException");
        return new GatewayException(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, null, 500, cause);
    }
}
