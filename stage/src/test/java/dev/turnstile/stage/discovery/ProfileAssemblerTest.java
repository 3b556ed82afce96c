package dev.turnstile.stage.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.QuotaSettings;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

class ProfileAssemblerTest {

    private static Map<String, String> outputs() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("InvokeUrl", "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod/");
        o.put("RestApiId", "abc123");
        o.put("StageName", "Prod");
        o.put("TableName", "turnstile-items");
        o.put("AccessLogGroupName", "/turnstile/turnstile/access");
        o.put("ExecutionLogGroupName", "API-Gateway-Execution-Logs_abc123/Prod");
        o.put("StandardUsagePlanId", "std1");
        o.put("StandardApiKeyId", "key1");
        o.put("SmallUsagePlanId", "sml1");
        o.put("SmallApiKeyId", "key2");
        o.put("WriterFunctionName", "turnstile-writer");
        o.put("TokenAuthorizerFunctionName", "turnstile-token-authorizer");
        o.put("RequestAuthorizerFunctionName", "turnstile-request-authorizer");
        return o;
    }

    private static String uri(String function) {
        return "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:"
                + function + "/invocations";
    }

    private static DiscoveredStack stack(Map<String, String> outputs) {
        List<Authorizer> authorizers = List.of(
                Authorizer.builder().id("a1").name("TokenAuthorizer").type("TOKEN")
                        .identitySource("method.request.header.authorizationToken").authorizerResultTtlInSeconds(300)
                        .authorizerUri(uri("turnstile-token-authorizer")).build(),
                Authorizer.builder().id("a2").name("RequestAuthorizer").type("REQUEST")
                        .identitySource("method.request.header.authorizationToken, method.request.querystring.tenant")
                        .authorizerResultTtlInSeconds(60).authorizerUri(uri("turnstile-request-authorizer")).build());
        List<Resource> resources = List.of(
                Resource.builder().id("r0").path("/").build(),
                Resource.builder().id("r1").path("/items").resourceMethods(Map.of(
                        "POST", Method.builder().httpMethod("POST").authorizationType("CUSTOM").authorizerId("a1")
                                .apiKeyRequired(true).build())).build(),
                Resource.builder().id("r2").path("/tenant-items").resourceMethods(Map.of(
                        "POST", Method.builder().httpMethod("POST").authorizationType("CUSTOM").authorizerId("a2")
                                .apiKeyRequired(true).build(),
                        "OPTIONS", Method.builder().httpMethod("OPTIONS").authorizationType("NONE").build())).build());
        List<UsagePlan> plans = List.of(
                UsagePlan.builder().id("std1").name("turnstile-standard")
                        .apiStages(ApiStage.builder().apiId("abc123").stage("Prod").build())
                        .throttle(ThrottleSettings.builder().rateLimit(100.0).burstLimit(200).build())
                        .quota(QuotaSettings.builder().limit(5000).period("DAY").offset(0).build()).build(),
                UsagePlan.builder().id("sml1").name("turnstile-small")
                        .apiStages(ApiStage.builder().apiId("abc123").stage("Prod").throttle(Map.of("/items/POST",
                                ThrottleSettings.builder().rateLimit(5.0).burstLimit(5).build())).build())
                        .throttle(ThrottleSettings.builder().rateLimit(10.0).burstLimit(20).build())
                        .quota(QuotaSettings.builder().limit(50).period("DAY").build()).build(),
                UsagePlan.builder().id("else").name("other-api-plan")
                        .apiStages(ApiStage.builder().apiId("zzz").stage("Prod").build()).build());
        Map<String, List<UsagePlanKey>> planKeys = Map.of(
                "std1", List.of(UsagePlanKey.builder().id("key1").type("API_KEY").build()),
                "sml1", List.of(UsagePlanKey.builder().id("key2").type("API_KEY").build()));
        List<ApiKey> keys = List.of(
                ApiKey.builder().id("key1").name("turnstile-key").value("abcdefghijklmnopqrst1234").enabled(true).build(),
                ApiKey.builder().id("key2").name("turnstile-small-key").value("ABCDEFGHIJKLMNOPQRST9876").build());
        return new DiscoveredStack("eu-west-1", outputs, GetStageResponse.builder().stageName("Prod").build(), resources,
                authorizers, plans, planKeys, keys);
    }

    @Test
    void mapsOutputsAndApiGatewayAnswersToTheProfile() {
        StageProfile p = ProfileAssembler.assemble(stack(outputs()));

        assertThat(p.kind()).isEqualTo("aws");
        assertThat(p.isLocal()).isFalse();
        assertThat(p.region()).isEqualTo("eu-west-1");
        assertThat(p.invokeUrl()).isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/Prod");
        assertThat(p.endpoints()).isEmpty();
        assertThat(p.table()).isEqualTo("turnstile-items");
        assertThat(p.logGroups().access()).isEqualTo("/turnstile/turnstile/access");
        assertThat(p.logGroups().execution()).isEqualTo("API-Gateway-Execution-Logs_abc123/Prod");
        assertThat(p.logGroups().functions()).containsEntry("TokenAuthorizerFunction", "/aws/lambda/turnstile-token-authorizer")
                .containsEntry("WriterFunction", "/aws/lambda/turnstile-writer");
        assertThat(p.functions()).containsEntry("RequestAuthorizerFunction", "turnstile-request-authorizer")
                .containsEntry("WriterFunction", "turnstile-writer"); // DirectInvocationIT invokes it by this name
        assertThat(p.routes()).containsExactly(
                new StageProfile.RouteInfo("POST", "/items", "TokenAuthorizer", true),
                new StageProfile.RouteInfo("POST", "/tenant-items", "RequestAuthorizer", true));
        assertThat(p.authorizers()).containsExactly(
                new StageProfile.AuthorizerInfo("TokenAuthorizer", "TOKEN",
                        List.of("method.request.header.authorizationToken"), 300, "TokenAuthorizerFunction"),
                new StageProfile.AuthorizerInfo("RequestAuthorizer", "REQUEST", List.of(
                        "method.request.header.authorizationToken", "method.request.querystring.tenant"), 60,
                        "RequestAuthorizerFunction"));
        assertThat(p.usagePlans()).extracting(StageProfile.UsagePlanInfo::name)
                .containsExactly("turnstile-standard", "turnstile-small");
        StageProfile.UsagePlanInfo small = p.usagePlan("turnstile-small").orElseThrow();
        assertThat(small.throttle()).isEqualTo(new StageProfile.ThrottleInfo(10.0, 20));
        assertThat(small.quota()).isEqualTo(new StageProfile.QuotaInfo(50, QuotaPeriod.DAY, 0));
        assertThat(small.methodThrottle()).containsExactly(Map.entry("/items/POST", new StageProfile.ThrottleInfo(5.0, 5)));
        assertThat(small.apiKeys()).containsExactly(
                new StageProfile.ApiKeyInfo("key2", "turnstile-small-key", "ABCDEFGHIJKLMNOPQRST9876"));
        assertThat(p.usagePlan("std1").orElseThrow().methodThrottle()).isEmpty();
    }

    @Test
    void missingOutputsAreOneErrorNamingEveryOne() {
        Map<String, String> outputs = outputs();
        outputs.remove("TableName");
        outputs.remove("SmallApiKeyId");
        outputs.put("StageName", " ");
        assertThat(ProfileAssembler.missingOutputs(outputs)).containsExactly("StageName", "TableName", "SmallApiKeyId");
        assertThatThrownBy(() -> ProfileAssembler.assemble(stack(outputs)))
                .hasMessage("stack outputs missing (template contract): StageName, TableName, SmallApiKeyId");
    }

    @Test
    void aPlanKeyWithoutItsValueIsAnError() {
        DiscoveredStack s = stack(outputs());
        DiscoveredStack noValues = new DiscoveredStack(s.region(), s.outputs(), s.stage(), s.resources(),
                s.authorizers(), s.usagePlans(), s.usagePlanKeys(),
                List.of(ApiKey.builder().id("key1").name("turnstile-key").build()));
        assertThatThrownBy(() -> ProfileAssembler.assemble(noValues))
                .hasMessage("usage plan turnstile-standard holds key key1 but GetApiKeys(includeValues) did not return its value");
    }

    @Test
    void anAuthorizerOfAForeignFunctionIsAnError() {
        DiscoveredStack s = stack(outputs());
        DiscoveredStack foreign = new DiscoveredStack(s.region(), s.outputs(), s.stage(), s.resources(),
                List.of(s.authorizers().get(0).toBuilder().authorizerUri(uri("someone-else")).build(),
                        s.authorizers().get(1)), s.usagePlans(), s.usagePlanKeys(), s.apiKeys());
        assertThatThrownBy(() -> ProfileAssembler.assemble(foreign))
                .hasMessageStartingWith("authorizer TokenAuthorizer invokes function someone-else, which is none of");
    }
}
