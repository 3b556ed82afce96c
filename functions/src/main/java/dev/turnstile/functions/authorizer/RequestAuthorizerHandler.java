package dev.turnstile.functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The REQUEST Lambda authorizer: identity = header {@code authorizationToken} + query string {@code tenant}.
 *
 * <p>Allow only for token {@code allow} with a tenant listed in {@code ALLOWED_TENANTS} (comma-separated);
 * Deny for {@code deny}, or for {@code allow} with any other tenant; the same 401/failure rules as the TOKEN
 * authorizer for other tokens.
 */
public final class RequestAuthorizerHandler
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    /** Environment variable naming the tenants that may be allowed. */
    public static final String ALLOWED_TENANTS_VARIABLE = "ALLOWED_TENANTS";

    private final Set<String> allowedTenants;

    /** The Lambda runtime's constructor: reads {@code ALLOWED_TENANTS} once per execution environment. */
    public RequestAuthorizerHandler() {
        this(System.getenv(ALLOWED_TENANTS_VARIABLE));
    }

    RequestAuthorizerHandler(String allowedTenantsSetting) {
        if (allowedTenantsSetting == null) {
            throw new IllegalStateException("environment variable " + ALLOWED_TENANTS_VARIABLE
                    + " is not set; the template sets it from the AllowedTenants parameter");
        }
        this.allowedTenants = Arrays.stream(allowedTenantsSetting.split(","))
                .map(String::trim)
                .filter(tenant -> !tenant.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String token = header(event.getHeaders(), "authorizationToken");
        String tenant = event.getQueryStringParameters() == null
                ? null : event.getQueryStringParameters().get("tenant");
        TokenClass tokenClass;
        try {
            tokenClass = TokenClass.of(token);
        } catch (RuntimeException rejection) {
            context.getLogger().log("REQUEST authorizer: token " + Masking.mask(token) + " tenant " + tenant
                    + " rejected: " + rejection.getMessage());
            throw rejection;
        }
        boolean allowed = tokenClass == TokenClass.ALLOW && tenant != null && allowedTenants.contains(tenant);
        context.getLogger().log("REQUEST authorizer: token " + Masking.mask(token) + " tenant " + tenant + " -> "
                + (allowed ? "Allow" : "Deny") + " for " + event.getMethodArn());
        return allowed
                ? AuthorizerPolicies.allow(event.getMethodArn(), tokenClass)
                : AuthorizerPolicies.deny(event.getMethodArn(), tokenClass);
    }

    // HTTP header names are case-insensitive, and API Gateway passes them with the client's casing
    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
