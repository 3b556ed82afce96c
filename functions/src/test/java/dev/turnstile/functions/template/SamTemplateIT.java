package dev.turnstile.functions.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: checks {@code sam/template.yaml} against the shaded jar and the template contract,
 * and proves the checker catches each kind of mistake on small broken templates.
 */
class SamTemplateIT {

    private static final Path JAR = Path.of("target", "turnstile-functions.jar");
    private static final Path BROKEN = Path.of("src", "test", "resources", "templates");
    private static final String ITEMS = "POST /items (WriterFunction.ItemsPost)";
    private static final String TENANT_ITEMS = "POST /tenant-items (WriterFunction.TenantItemsPost)";

    private final TemplateChecker checker = new TemplateChecker(JAR, TemplateChecker.CONTRACT_OUTPUTS);

    private List<String> check(String template) throws IOException {
        return checker.check(BROKEN.resolve(template));
    }

    @Test
    void theSamTemplateMatchesTheJarAndTheContract() throws IOException {
        assertThat(checker.check(Path.of("..", "sam", "template.yaml"))).isEmpty();
    }

    @Test
    void theSamTemplateDeclaresEveryContractResourceWithItsType() throws IOException {
        Map<String, Object> template = CloudFormationYaml.load(Path.of("..", "sam", "template.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");

        assertThat(resources).containsKeys("ItemsTable", "AccessLogGroup", "WriterFunction",
                "TokenAuthorizerFunction", "RequestAuthorizerFunction", "TurnstileApi", "SmallUsagePlan",
                "SmallApiKey", "SmallUsagePlanKey");
        assertThat(resources.get("TurnstileApi").get("Type")).isEqualTo("AWS::Serverless::Api");
        assertThat(resources.get("SmallUsagePlan").get("Properties")).isEqualTo(Map.of(
                "UsagePlanName", Map.of("Fn::Sub", "${AWS::StackName}-small"),
                "ApiStages", List.of(Map.of("ApiId", Map.of("Ref", "TurnstileApi"),
                        "Stage", Map.of("Ref", "TurnstileApi.Stage"))),
                "Throttle", Map.of("RateLimit", Map.of("Ref", "SmallThrottleRate"),
                        "BurstLimit", Map.of("Ref", "SmallThrottleBurst")),
                "Quota", Map.of("Limit", Map.of("Ref", "SmallQuotaLimit"), "Period", "DAY")));
    }

    @Test
    void theCheckerAcceptsTheSmallGoodTemplate() throws IOException {
        assertThat(check("good.yaml")).isEmpty();
    }

    @Test
    void aHandlerClassMissingFromTheJarIsReported() throws IOException {
        assertThat(check("missing-class.yaml")).containsExactly(
                "WriterFunction: handler class dev.turnstile.functions.writer.NoSuchHandler is not in the function jar");
    }

    @Test
    void aMissingHandlerMethodIsReported() throws IOException {
        assertThat(check("missing-method.yaml")).containsExactly("TokenAuthorizerFunction: handler class "
                + "dev.turnstile.functions.authorizer.TokenAuthorizerHandler has no public method authorize");
    }

    @Test
    void aRouteOptingOutOfTheDefaultAuthorizerIsReported() throws IOException {
        assertThat(check("route-without-authorizer.yaml")).containsExactly(
                "route " + ITEMS + " has no Lambda authorizer");
    }

    @Test
    void aRouteWithoutAuthorizerOrDefaultIsReported() throws IOException {
        assertThat(check("no-default-authorizer.yaml")).containsExactly(
                "route " + ITEMS + " has no Lambda authorizer");
    }

    @Test
    void anUndefinedAuthorizerAndADroppedApiKeyAreReported() throws IOException {
        assertThat(check("unknown-authorizer-no-key.yaml")).containsExactly(
                "route " + TENANT_ITEMS + " names authorizer TenantAuthorizer, which Api does not define",
                "route " + TENANT_ITEMS + " does not require an API key");
    }

    @Test
    void missingContractOutputsAreReported() throws IOException {
        assertThat(check("missing-outputs.yaml")).containsExactly(
                "output ExecutionLogGroupName is missing", "output SmallApiKeyId is missing");
    }

    @Test
    void codeThatIsNotTheFunctionJarIsReported() throws IOException {
        Path classes = BROKEN.resolve("../../../../target/classes").toAbsolutePath().normalize();
        assertThat(check("wrong-code-uri.yaml")).containsExactly(
                "WriterFunction: CodeUri ../../../../target/classes is " + classes + ", not the function jar "
                        + JAR.toAbsolutePath().normalize(),
                "TokenAuthorizerFunction: CodeUri ../../../../target/classes is " + classes
                        + ", not the function jar " + JAR.toAbsolutePath().normalize());
    }

    @Test
    void shortFormTagsBecomeTheirLongForms() throws IOException {
        Map<String, Object> template = CloudFormationYaml.load(BROKEN.resolve("good.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> outputs = (Map<String, Map<String, Object>>) template.get("Outputs");

        assertThat(outputs.get("RestApiId").get("Value")).isEqualTo(Map.of("Ref", "Api"));
        assertThat(outputs.get("StandardUsagePlanId").get("Value")).isEqualTo(Map.of("Ref", "Api.UsagePlan"));
        assertThat(outputs.get("InvokeUrl").get("Value")).isEqualTo(
                Map.of("Fn::Sub", "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/Prod"));
    }
}
