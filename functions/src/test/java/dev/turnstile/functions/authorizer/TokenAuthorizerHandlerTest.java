package dev.turnstile.functions.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.functions.support.Fixtures;
import dev.turnstile.functions.support.TestContext;
import org.junit.jupiter.api.Test;

class TokenAuthorizerHandlerTest {

    private final TokenAuthorizerHandler handler = new TokenAuthorizerHandler();
    private final TestContext context = new TestContext("aaaa-1111");

    static JsonNode policyJson(IamPolicyResponseV1 response) throws Exception {
        return new ObjectMapper().readTree(Fixtures.json(response));
    }

    static String expectedPolicy(String effect, String tokenClass) {
        return "{\"principalId\":\"user\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\","
                + "\"Resource\":[\"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/*/*\"]}]},"
                + "\"context\":{\"stringKey\":\"value\",\"numberKey\":1,\"booleanKey\":true,\"tokenClass\":\""
                + tokenClass + "\"}}";
    }

    @Test
    void allowTokenGetsAnAllowPolicyForEveryMethodOfTheStage() throws Exception {
        IamPolicyResponseV1 response = handler.handleRequest(
                Fixtures.event("token-allow.json", APIGatewayCustomAuthorizerEvent.class), context);

        JsonNode json = policyJson(response);
        assertThat(json).isEqualTo(new ObjectMapper().readTree(expectedPolicy("Allow", "allow")));
        assertThat(json.get("context").get("numberKey").isNumber()).isTrue();
        assertThat(json.get("context").get("booleanKey").isBoolean()).isTrue();
        assertThat(context.logLines()).containsExactly("TOKEN authorizer: token ****llow -> Allow for "
                + "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/POST/items");
    }

    @Test
    void denyTokenGetsADenyPolicy() throws Exception {
        IamPolicyResponseV1 response = handler.handleRequest(
                Fixtures.event("token-deny.json", APIGatewayCustomAuthorizerEvent.class), context);

        assertThat(policyJson(response)).isEqualTo(new ObjectMapper().readTree(expectedPolicy("Deny", "deny")));
    }

    @Test
    void unauthorizedTokenFailsWithExactlyUnauthorized() {
        assertThatThrownBy(() -> handler.handleRequest(
                Fixtures.event("token-unauthorized.json", APIGatewayCustomAuthorizerEvent.class), context))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage("Unauthorized");
        assertThat(context.logLines()).containsExactly("TOKEN authorizer: token ****ized rejected: Unauthorized");
    }

    @Test
    void emptyTokenFailsWithExactlyUnauthorized() {
        assertThatThrownBy(() -> handler.handleRequest(
                Fixtures.event("token-empty.json", APIGatewayCustomAuthorizerEvent.class), context))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage("Unauthorized");
    }

    @Test
    void otherTokenFailsWithInvalidToken() {
        assertThatThrownBy(() -> handler.handleRequest(
                Fixtures.event("token-invalid.json", APIGatewayCustomAuthorizerEvent.class), context))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("Error: Invalid token");
        // the token is a secret: only its last 4 characters reach the log
        assertThat(String.join("\n", context.logLines())).doesNotContain("Bearer").contains("****else");
    }

    @Test
    void tokensAreCaseSensitive() {
        APIGatewayCustomAuthorizerEvent event = Fixtures.event("token-allow.json", APIGatewayCustomAuthorizerEvent.class);
        event.setAuthorizationToken("Allow");

        assertThatThrownBy(() -> handler.handleRequest(event, context)).hasMessage("Error: Invalid token");
    }

    @Test
    void rootResourceAndNestedPathsCoverTheSameStage() {
        assertThat(AuthorizerPolicies.stageWideResource("arn:aws:execute-api:eu-west-1:111122223333:abc123/dev/GET/"))
                .isEqualTo("arn:aws:execute-api:eu-west-1:111122223333:abc123/dev/*/*");
        assertThat(AuthorizerPolicies.stageWideResource(
                "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/POST/tenant-items/x/y"))
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/*/*");
    }

    @Test
    void aMalformedMethodArnIsAClearError() {
        APIGatewayCustomAuthorizerEvent event = Fixtures.event("token-allow.json", APIGatewayCustomAuthorizerEvent.class);
        event.setMethodArn("arn:aws:lambda:us-east-1:123456789012:function:x");

        assertThatThrownBy(() -> handler.handleRequest(event, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("methodArn 'arn:aws:lambda:us-east-1:123456789012:function:x' is not an execute-api "
                        + "method ARN (arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path})");
    }
}
