package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;
import dev.turnstile.localstage.gateway.integration.ProxyResponseParser.ProxyResponse;
import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.usageplan.UsageDecision;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The one typed state of a request travelling through the pipeline. Each step owns its part: the
 * router sets the route, the authorizer step the authorizer result, and so on. Not thread-safe: one
 * request, one thread.
 */
public final class InvocationContext {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final GatewayRequest request;
    private final String requestId;
    private final String extendedRequestId;
    private final long requestTimeEpoch;
    private final ExecutionLog executionLog;
    private String requestTime;

    // routing
    private boolean stageMatched = true;
    private String path;
    private Route route;
    private Map<String, String> pathParameters;
    private QueryParameters queryParameters;

    // authorizer
    private AuthorizerResult authorizerResult;
    private Long authorizerLatencyMillis;
    private Integer authorizerStatus;
    private String authorizerError;
    private boolean authorizerInvoked;

    // usage plan
    private String apiKeyValue;
    private UsageDecision usageDecision;

    // integration
    private String traceId;
    private Long integrationLatencyMillis;
    private Integer integrationStatus;
    private Integer integrationServiceStatus;
    private String integrationError;
    private String integrationRequestId;
    private ProxyResponse integrationResponse;

    // outcome
    private GatewayException error;
    private GatewayResponse response;
    private long responseLatencyMillis = -1;

    public InvocationContext(GatewayRequest request, long requestTimeEpoch, ExecutionLog executionLog) {
        this.request = request;
        this.requestId = RequestIds.requestId(request.headers().first("x-amzn-RequestId"));
        this.extendedRequestId = RequestIds.extendedRequestId();
        this.requestTimeEpoch = requestTimeEpoch;
        this.executionLog = executionLog;
    }

    public GatewayRequest request() { return request; }
    public String requestId() { return requestId; }
    public String extendedRequestId() { return extendedRequestId; }
    public long requestTimeEpoch() { return requestTimeEpoch; }
    public ExecutionLog executionLog() { return executionLog; }

    /** {@code $context.requestTime} in CLF, e.g. {@code 14/Oct/2022:19:30:41 +0000}; formatted on first use. */
    public String requestTime() {
        if (requestTime == null) {
            requestTime = CLF.format(Instant.ofEpochMilli(requestTimeEpoch));
        }
        return requestTime;
    }

    public boolean stageMatched() { return stageMatched; }
    public void stageMatched(boolean value) { this.stageMatched = value; }

    /** The request path without the stage, as sent (e.g. {@code /items/42}); null before routing. */
    public String path() { return path; }
    public void path(String value) { this.path = value; }

    public Route route() { return route; }
    public Map<String, String> pathParameters() { return pathParameters; }

    public void matched(Route matchedRoute, Map<String, String> parameters) {
        this.route = matchedRoute;
        this.pathParameters = parameters;
    }

    /** The parsed query string (parsed once, on first use). */
    public QueryParameters queryParameters() {
        if (queryParameters == null) {
            queryParameters = QueryParameters.parse(request.rawQuery());
        }
        return queryParameters;
    }

    public AuthorizerResult authorizerResult() { return authorizerResult; }
    public void authorizerResult(AuthorizerResult value) { this.authorizerResult = value; }
    public Long authorizerLatencyMillis() { return authorizerLatencyMillis; }
    public void authorizerLatencyMillis(Long value) { this.authorizerLatencyMillis = value; }
    public Integer authorizerStatus() { return authorizerStatus; }
    public void authorizerStatus(Integer value) { this.authorizerStatus = value; }
    public String authorizerError() { return authorizerError; }
    public void authorizerError(String value) { this.authorizerError = value; }
    public boolean authorizerInvoked() { return authorizerInvoked; }
    public void authorizerInvoked(boolean value) { this.authorizerInvoked = value; }

    /** The API key value offered (header or {@code usageIdentifierKey}); never log it unmasked. */
    public String apiKeyValue() { return apiKeyValue; }
    public void apiKeyValue(String value) { this.apiKeyValue = value; }
    public UsageDecision usageDecision() { return usageDecision; }
    public void usageDecision(UsageDecision value) { this.usageDecision = value; }

    /** The API key id, only when the method requires a key and the usage plan knew the key. */
    public String apiKeyId() {
        return route != null && route.apiKeyRequired() && usageDecision != null ? usageDecision.apiKeyId() : null;
    }

    /** The API key value, only when the method requires a key ({@code $context.identity.apiKey}). */
    public String identityApiKey() {
        return route != null && route.apiKeyRequired() ? apiKeyValue : null;
    }

    public String traceId() { return traceId; }
    public void traceId(String value) { this.traceId = value; }
    public Long integrationLatencyMillis() { return integrationLatencyMillis; }
    public void integrationLatencyMillis(Long value) { this.integrationLatencyMillis = value; }
    /** The status the function returned in its proxy response. */
    public Integer integrationStatus() { return integrationStatus; }
    public void integrationStatus(Integer value) { this.integrationStatus = value; }
    /** The status of the Lambda Invoke call itself (200, or 429 when Lambda throttled). */
    public Integer integrationServiceStatus() { return integrationServiceStatus; }
    public void integrationServiceStatus(Integer value) { this.integrationServiceStatus = value; }
    public String integrationError() { return integrationError; }
    public void integrationError(String value) { this.integrationError = value; }
    public String integrationRequestId() { return integrationRequestId; }
    public void integrationRequestId(String value) { this.integrationRequestId = value; }

    /** The function's validated proxy response, before the method response is built. */
    public ProxyResponse integrationResponse() { return integrationResponse; }
    public void integrationResponse(ProxyResponse value) { this.integrationResponse = value; }

    public GatewayException error() { return error; }
    public void error(GatewayException value) { this.error = value; }
    public GatewayResponse response() { return response; }
    public void response(GatewayResponse value) { this.response = value; }

    /** Milliseconds from arrival to the response being ready; -1 before. */
    public long responseLatencyMillis() { return responseLatencyMillis; }

    /** Marks the response ready at {@code nowMillis} on the stage clock (so frozen-clock tests see exact latencies). */
    public void responseComplete(long nowMillis) {
        this.responseLatencyMillis = Math.max(0, nowMillis - requestTimeEpoch);
    }
}
