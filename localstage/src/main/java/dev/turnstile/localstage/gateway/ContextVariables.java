package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;
import dev.turnstile.localstage.gateway.integration.ProxyEventWriter;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.StageModel;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code $context} variables that apply to a REST API with Lambda integrations
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html),
 * resolved from an {@link InvocationContext}. A resolver returns null for an unset value; the caller
 * decides how unset renders ({@code -} in access logs, empty in gateway-response templates).
 *
 * <p>{@code $context.identity.apiKey} resolves to the <em>masked</em> key ({@code **********abcd}): the
 * local stage never writes a key value to a log.
 */
public final class ContextVariables {

    /** Resolves one variable for one request; null when unset. */
    @FunctionalInterface
    public interface Resolver extends Function<InvocationContext, String> { }

    private static final String AUTHORIZER_PREFIX = "authorizer.";

    private final Map<String, Resolver> fixed = new HashMap<>();
    private final StageModel model;

    public ContextVariables(StageModel model, GatewayOptions options, Function<InvocationContext, String> domainName) {
        this.model = model;
        put("requestId", InvocationContext::requestId);
        put("extendedRequestId", InvocationContext::extendedRequestId);
        put("requestTime", InvocationContext::requestTime);
        put("requestTimeEpoch", c -> Long.toString(c.requestTimeEpoch()));
        put("httpMethod", c -> c.request().httpMethod());
        put("resourcePath", c -> c.route() == null ? null : c.route().resourcePath());
        put("resourceId", c -> c.route() == null ? null : c.route().resourceId());
        put("path", InvocationContext::stagePath);
        put("protocol", c -> c.request().protocol());
        put("stage", c -> model.stageName());
        put("apiId", c -> model.restApiId());
        put("accountId", c -> model.accountId());
        put("deploymentId", c -> options.deploymentId());
        put("domainName", domainName::apply);
        put("domainPrefix", c -> ProxyEventWriter.domainPrefix(domainName.apply(c)));
        put("status", c -> c.response() == null ? null : Integer.toString(c.response().status()));
        put("responseLength", c -> c.response() == null ? null : Integer.toString(c.response().body().length));
        put("responseLatency", c -> c.responseLatencyMillis() < 0 ? null : Long.toString(c.responseLatencyMillis()));
        put("xrayTraceId", c -> integration(c, IntegrationOutcome::traceId));

        put("identity.sourceIp", c -> c.request().sourceIp());
        put("identity.userAgent", c -> c.request().headers().first("User-Agent"));
        put("identity.apiKey", c -> c.identityApiKey() == null ? null : ApiKeyConfig.mask(c.identityApiKey()));
        put("identity.apiKeyId", InvocationContext::apiKeyId);
        for (String unset : new String[] {"caller", "user", "userArn", "accountId", "accessKey", "principalOrgId",
                "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId",
                "clientCert.clientCertPem", "clientCert.subjectDN", "clientCert.issuerDN", "clientCert.serialNumber"}) {
            put("identity." + unset, c -> null); // IAM/Cognito/mTLS identities do not exist on the local stage
        }
        for (String unset : new String[] {"wafResponseCode", "webaclArn", "waf.error", "waf.latency", "waf.status",
                "waf.wafStatus"}) {
            put(unset, c -> null); // no WAF locally
        }

        put("integrationLatency", c -> integration(c, o -> text(o.latencyMillis())));
        put("integration.latency", c -> integration(c, o -> text(o.latencyMillis())));
        put("integration.status", c -> integration(c, o -> text(o.status())));
        put("integration.integrationStatus", c -> integration(c, o -> text(o.serviceStatus())));
        put("integrationStatus", c -> integration(c, o -> text(o.serviceStatus())));
        put("integration.error", c -> integration(c, IntegrationOutcome::error));
        put("integration.requestId", c -> integration(c, IntegrationOutcome::lambdaRequestId));

        put("authorizer.principalId", c -> c.authorizerResult() == null ? null : c.authorizerResult().principalId());
        put("authorizer.error", c -> authorizer(c, AuthorizerOutcome::error));
        put("authorizer.status", c -> authorizer(c, o -> Integer.toString(o.status())));
        put("authorizer.latency", c -> authorizer(c, o -> text(o.latencyMillis())));
        put("authorizer.integrationLatency", c -> authorizer(c, o -> o.invoked() ? text(o.latencyMillis()) : null));
        put("authorizer.integrationStatus", c -> authorizer(c, o -> o.invoked() ? "200" : null));
        put("authorizer.requestId", c -> authorizer(c, o -> c.requestId()));
        put("authorize.status", c -> authorizer(c, o -> Integer.toString(o.status())));
        put("authorize.latency", c -> authorizer(c, o -> text(o.latencyMillis())));
        put("authorize.error", c -> authorizer(c, AuthorizerOutcome::error));
        put("authenticate.status", c -> null);
        put("authenticate.latency", c -> null);
        put("authenticate.error", c -> null);

        put("error.message", c -> c.error() == null ? null : c.error().errorMessage());
        put("error.messageString", c -> c.error() == null ? null : quoted(c.error().errorMessage()));
        put("error.responseType", c -> c.error() == null ? null : c.error().type().name());
        put("error.validationErrorString", c -> null);
    }

    private void put(String name, Resolver resolver) {
        fixed.put(name, resolver);
    }

    private static String integration(InvocationContext c, Function<IntegrationOutcome, String> part) {
        return c.integration() == null ? null : part.apply(c.integration());
    }

    private static String authorizer(InvocationContext c, Function<AuthorizerOutcome, String> part) {
        return c.authorizer() == null ? null : part.apply(c.authorizer());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * The resolver for the variable that starts at {@code from} (just after {@code $context.}) in a
     * template: the longest known name wins; {@code authorizer.<key>} reads the authorizer's context.
     *
     * @return the resolver and the name's length, or null when no variable starts there
     */
    public Match match(String template, int from) {
        int end = from;
        while (end < template.length() && isNameChar(template.charAt(end))) {
            end++;
        }
        // try the longest dotted prefix first, shortening at each '.'
        for (int to = end; to > from; to = template.lastIndexOf('.', to - 1)) {
            if (to <= from) {
                break;
            }
            String name = template.substring(from, to);
            Resolver r = fixed.get(name);
            if (r != null) {
                return new Match(r, to - from);
            }
            if (name.startsWith(AUTHORIZER_PREFIX) && name.length() > AUTHORIZER_PREFIX.length()) {
                String key = name.substring(AUTHORIZER_PREFIX.length());
                return new Match(c -> {
                    AuthorizerResult a = c.authorizerResult();
                    return a == null ? null : a.context().get(key);
                }, to - from);
            }
        }
        return null;
    }

    /** The resolver of one variable by its name after {@code $context.} (e.g. {@code identity.sourceIp}), or null. */
    public Resolver resolver(String name) {
        return fixed.get(name);
    }

    /** A stage variable resolver for {@code $stageVariables.<name>}. */
    public Resolver stageVariable(String name) {
        return c -> model.stageVariables().get(name);
    }

    /**
     * A matched variable.
     *
     * @param resolver the resolver
     * @param length   characters consumed after {@code $context.}
     */
    public record Match(Resolver resolver, int length) { }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    /** {@code $context.error.messageString}: the message as a JSON string literal, or the token {@code null}. */
    static String quoted(String message) {
        if (message == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(message.length() + 2).append('"');
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
