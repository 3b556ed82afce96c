package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.usageplan.UsageDecision;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The one typed state of a request travelling through the gateway: the request and its identity (ids, arrival
 * time), then one outcome per step, each written once by the step that owns it — {@link RouteMatch} by the route
 * step, {@link AuthorizerOutcome} by the authorizer step, the offered API key and the {@link UsageDecision} by the
 * usage-plan step, {@link IntegrationOutcome} by the integration step — and finally the gateway error or the
 * response and the completion time. A second write of any of them is a bug and throws
 * {@link IllegalStateException}. Not thread-safe: one request, one thread.
 */
public final class InvocationContext {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A value written at most once; null is a value. */
    private static final class Once<T> {
        private final String name;
        private boolean written;
        private T value;

        Once(String name) {
            this.name = name;
        }

        void set(T v, String requestId) {
            if (written) {
                // the value is not printed: it may be an API key
                throw new IllegalStateException("the " + name + " of request " + requestId
                        + " is already set; each outcome is written once, by its own step");
            }
            written = true;
            value = v;
        }

        T get() {
            return value;
        }

        boolean written() {
            return written;
        }
    }

    private final GatewayRequest request;
    private final String requestId;
    private final String extendedRequestId;
    private final long requestTimeEpoch;
    private final ExecutionLog executionLog;
    private String requestTime;
    private QueryParameters queryParameters;
    private TraceHeader traceHeader;

    private final Once<RouteMatch> route = new Once<>("route match");
    private final Once<AuthorizerOutcome> authorizer = new Once<>("authorizer outcome");
    private final Once<String> apiKeyValue = new Once<>("API key");
    private final Once<UsageDecision> usageDecision = new Once<>("usage decision");
    private final Once<IntegrationOutcome> integration = new Once<>("integration outcome");
    private final Once<GatewayException> error = new Once<>("gateway error");
    private final Once<GatewayResponse> response = new Once<>("response");
    private final Once<Long> completedAt = new Once<>("completion time");

    public InvocationContext(GatewayRequest request, long requestTimeEpoch, ExecutionLog executionLog) {
        this.request = request;
        this.requestId = RequestIds.requestId(request.headers().first("x-amzn-RequestId"));
        this.extendedRequestId = RequestIds.extendedRequestId();
        this.requestTimeEpoch = requestTimeEpoch;
        this.executionLog = executionLog;
    }

    // ---- the request and its identity ---------------------------------------------------------------------

    public GatewayRequest request() { return request; }
    public String requestId() { return requestId; }
    public String extendedRequestId() { return extendedRequestId; }
    public long requestTimeEpoch() { return requestTimeEpoch; }

    /** The request's execution-log lines, collected while it runs (the steps add to it). */
    public ExecutionLog executionLog() { return executionLog; }

    /** {@code $context.requestTime} in CLF, e.g. {@code 14/Oct/2022:19:30:41 +0000}; formatted on first use. */
    public String requestTime() {
        if (requestTime == null) {
            requestTime = CLF.format(Instant.ofEpochMilli(requestTimeEpoch));
        }
        return requestTime;
    }

    /** The request's X-Ray trace: the caller's {@code X-Amzn-Trace-Id} continued, or a fresh one (made on first use). */
    public TraceHeader traceHeader() {
        if (traceHeader == null) {
            traceHeader = TraceHeader.forRequest(request.headers().first(TraceHeader.HEADER), requestTimeEpoch);
        }
        return traceHeader;
    }

    /** The parsed query string (parsed once, on first use). */
    public QueryParameters queryParameters() {
        if (queryParameters == null) {
            queryParameters = QueryParameters.parse(request.rawQuery());
        }
        return queryParameters;
    }

    // ---- route step -----------------------------------------------------------------------------------------

    /** Written once by the route step. */
    public void route(RouteMatch value) { route.set(value, requestId); }

    /** Where routing put the request; null before routing. */
    public RouteMatch routeMatch() { return route.get(); }

    /** False only once routing found the request is not on this stage (so none of this stage's logs). */
    public boolean stageMatched() { return route.get() == null || route.get().onStage(); }

    /** The request path without the stage, as sent (e.g. {@code /items/42}); null before routing. */
    public String path() { return route.get() == null ? null : route.get().path(); }

    /** {@code $context.path}: the path with the stage (e.g. {@code /Prod//items}); null before routing or off stage. */
    public String stagePath() { return route.get() == null ? null : route.get().stagePath(); }

    /** The matched method; null before routing or when none matched. */
    public Route route() { return route.get() == null ? null : route.get().route(); }

    /** The path parameters (a greedy one as sent, others decoded); null when there are none. */
    public Map<String, String> pathParameters() { return route.get() == null ? null : route.get().pathParameters(); }

    // ---- authorizer step ------------------------------------------------------------------------------------

    /** Written once by the authorizer step. */
    public void authorizer(AuthorizerOutcome value) { authorizer.set(value, requestId); }

    /** The authorizer's outcome; null when the method has no authorizer or the request stopped before it. */
    public AuthorizerOutcome authorizer() { return authorizer.get(); }

    /** The authorizer's output (fresh or cached); null when there is none. */
    public AuthorizerResult authorizerResult() { return authorizer.get() == null ? null : authorizer.get().result(); }

    // ---- usage-plan step ------------------------------------------------------------------------------------

    /** Written once by the usage-plan step: the key offered (header or {@code usageIdentifierKey}), possibly null. */
    public void apiKeyValue(String value) { apiKeyValue.set(value, requestId); }

    /** The API key value offered; never log it unmasked. */
    public String apiKeyValue() { return apiKeyValue.get(); }

    /** Written once by the usage-plan step. */
    public void usageDecision(UsageDecision value) { usageDecision.set(value, requestId); }

    public UsageDecision usageDecision() { return usageDecision.get(); }

    /** The API key id, only when the method requires a key and the usage plan knew the key. */
    public String apiKeyId() {
        Route r = route();
        return r != null && r.apiKeyRequired() && usageDecision.get() != null ? usageDecision.get().apiKeyId() : null;
    }

    /** The API key value, only when the method requires a key ({@code $context.identity.apiKey}). */
    public String identityApiKey() {
        Route r = route();
        return r != null && r.apiKeyRequired() ? apiKeyValue.get() : null;
    }

    // ---- integration step -----------------------------------------------------------------------------------

    /** Written once by the integration step. */
    public void integration(IntegrationOutcome value) { integration.set(value, requestId); }

    /** The integration's outcome; null when the request stopped before it. */
    public IntegrationOutcome integration() { return integration.get(); }

    // ---- outcome --------------------------------------------------------------------------------------------

    /** Written once by the gateway when a step stopped the request. */
    public void error(GatewayException value) { error.set(value, requestId); }

    public GatewayException error() { return error.get(); }

    /** Written once: by the method response step, or by the renderer for a gateway error. */
    public void response(GatewayResponse value) { response.set(value, requestId); }

    public GatewayResponse response() { return response.get(); }

    /** Marks the response ready at {@code nowMillis} on the stage clock (so frozen-clock tests see exact latencies). */
    public void responseComplete(long nowMillis) { completedAt.set(nowMillis, requestId); }

    /** When the response was ready (stage clock, epoch ms); the finalizers stamp their log events with it. */
    public long completedAtMillis() {
        if (!completedAt.written()) {
            throw new IllegalStateException("request " + requestId + " has no response yet");
        }
        return completedAt.get();
    }

    /** Milliseconds from arrival to the response being ready; -1 before. */
    public long responseLatencyMillis() {
        return completedAt.written() ? Math.max(0, completedAt.get() - requestTimeEpoch) : -1;
    }
}
