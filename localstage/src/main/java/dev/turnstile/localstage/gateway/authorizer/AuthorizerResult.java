package dev.turnstile.localstage.gateway.authorizer;

import java.util.List;
import java.util.Map;

/**
 * A Lambda authorizer's validated output
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html),
 * cached for the TTL and re-evaluated against
 * each request's methodArn.
 *
 * @param principalId        {@code principalId}, or null when the function returned none
 * @param statements         the policy statements in order
 * @param context            context values as strings, in the function's order
 * @param usageIdentifierKey the API key for {@code apiKeySource=AUTHORIZER}, or null
 */
public record AuthorizerResult(
        String principalId,
        List<PolicyStatement> statements,
        Map<String, String> context,
        String usageIdentifierKey) {

    public AuthorizerResult {
        statements = List.copyOf(statements);
        context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
    }
}
