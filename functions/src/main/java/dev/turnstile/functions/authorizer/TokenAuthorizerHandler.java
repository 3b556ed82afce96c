package dev.turnstile.functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

/**
 * The TOKEN Lambda authorizer: the token (header {@code authorizationToken}) alone decides the outcome.
 *
 * <p>{@code allow} → Allow, {@code deny} → Deny, {@code unauthorized} or empty → 401 ({@code Unauthorized}),
 * anything else → function error {@code Error: Invalid token}.
 */
public final class TokenAuthorizerHandler
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String token = event.getAuthorizationToken();
        TokenClass tokenClass;
        try {
            tokenClass = TokenClass.of(token);
        } catch (RuntimeException rejection) {
            context.getLogger().log("TOKEN authorizer: token " + Masking.mask(token) + " rejected: "
                    + rejection.getMessage());
            throw rejection;
        }
        IamPolicyResponseV1 response = tokenClass == TokenClass.ALLOW
                ? AuthorizerPolicies.allow(event.getMethodArn(), tokenClass)
                : AuthorizerPolicies.deny(event.getMethodArn(), tokenClass);
        context.getLogger().log("TOKEN authorizer: token " + Masking.mask(token) + " -> "
                + (tokenClass == TokenClass.ALLOW ? "Allow" : "Deny") + " for " + event.getMethodArn());
        return response;
    }
}
