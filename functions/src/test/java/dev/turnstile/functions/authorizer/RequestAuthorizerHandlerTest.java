package dev.turnstile.functions.authorizer;

import static dev.turnstile.functions.authorizer.TokenAuthorizerHandlerTest.policyJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.functions.support.Fixtures;
import dev.turnstile.functions.support.TestContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestAuthorizerHandlerTest {

    private final RequestAuthorizerHandler handler = new RequestAuthorizerHandler(" tenant-a, tenant-b ,");
    private final TestContext context = new TestContext("bbbb-2222");

    private static String expectedPolicy(String effect, String tokenClass) {
        return "{\"principalId\":\"user\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\","
                + "\"Resource\":[\"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/*/*\"]}]},"
                + "\"context\":{\"stringKey\":\"value\",\"numberKey\":1,\"booleanKey\":true,\"tokenClass\":\""
                + tokenClass + "\"}}";
    }

    private IamPolicyResponseV1 invoke(String fixture) {
        return handler.handleRequest(Fixtures.event(fixture, APIGatewayCustomAuthorizerEvent.class), context);
    }

    @Test
    void allowWithAnAllowedTenantIsAllowedWhateverTheHeaderCasing() throws Exception {
        // the fixture sends the header as "AuthorizationToken"
        assertThat(policyJson(invoke("request-allow-tenant-a.json")))
                .isEqualTo(new ObjectMapper().readTree(expectedPolicy("Allow", "allow")));
        assertThat(context.logLines()).containsExactly("REQUEST authorizer: token ****llow tenant tenant-a -> Allow "
                + "for arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/POST/tenant-items");
    }

    @Test
    void allowWithATenantNotAllowedIsDenied() throws Exception {
        assertThat(policyJson(invoke("request-allow-tenant-c.json")))
                .isEqualTo(new ObjectMapper().readTree(expectedPolicy("Deny", "allow")));
    }

    @Test
    void denyIsDeniedEvenForAnAllowedTenant() throws Exception {
        assertThat(policyJson(invoke("request-deny-tenant-a.json")))
                .isEqualTo(new ObjectMapper().readTree(expectedPolicy("Deny", "deny")));
    }

    @Test
    void allowWithoutTenantIsDenied() throws Exception {
        APIGatewayCustomAuthorizerEvent event =
                Fixtures.event("request-allow-tenant-a.json", APIGatewayCustomAuthorizerEvent.class);
        event.setQueryStringParameters(null);

        assertThat(policyJson(handler.handleRequest(event, context)))
                .isEqualTo(new ObjectMapper().readTree(expectedPolicy("Deny", "allow")));
    }

    @Test
    void unauthorizedTokenFailsWithExactlyUnauthorized() {
        assertThatThrownBy(() -> invoke("request-unauthorized.json"))
                .isInstanceOf(UnauthorizedException.class).hasMessage("Unauthorized");
    }

    @Test
    void missingTokenFailsWithExactlyUnauthorized() {
        APIGatewayCustomAuthorizerEvent event =
                Fixtures.event("request-allow-tenant-a.json", APIGatewayCustomAuthorizerEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("AuthorizationToken");
        event.setHeaders(headers);

        assertThatThrownBy(() -> handler.handleRequest(event, context)).hasMessage("Unauthorized");
    }

    @Test
    void otherTokenFailsWithInvalidToken() {
        assertThatThrownBy(() -> invoke("request-invalid.json"))
                .isInstanceOf(InvalidTokenException.class).hasMessage("Error: Invalid token");
    }

    @Test
    void anAbsentTenantSettingIsAClearStartupError() {
        assertThatThrownBy(() -> new RequestAuthorizerHandler((String) null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable ALLOWED_TENANTS is not set; the template sets it from the "
                        + "AllowedTenants parameter");
    }

    @Test
    void anEmptyTenantSettingAllowsNoTenant() throws Exception {
        RequestAuthorizerHandler noTenants = new RequestAuthorizerHandler("");
        IamPolicyResponseV1 response = noTenants.handleRequest(
                Fixtures.event("request-allow-tenant-a.json", APIGatewayCustomAuthorizerEvent.class), context);

        assertThat(policyJson(response)).isEqualTo(new ObjectMapper().readTree(expectedPolicy("Deny", "allow")));
    }
}
