package dev.turnstile.localstage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.localstage.controlplane.DeniedOperations;
import dev.turnstile.localstage.profile.AwsEndpointVariables;
import dev.turnstile.stage.discovery.DiscoveryReport;
import dev.turnstile.stage.discovery.StackDiscovery;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real stack discovery ({@link StackDiscovery#discover}, unchanged: region, credentials and endpoints from the
 * SDK's own settings) against local stages, as a nightly run meets AWS: the standard endpoint settings
 * ({@code aws.endpointUrlCloudFormation} / {@code aws.endpointUrlApiGateway}, the system-property twins of
 * {@code AWS_ENDPOINT_URL_CLOUDFORMATION} / {@code AWS_ENDPOINT_URL_API_GATEWAY}) and dummy credentials are the only
 * difference. Cases: a full discovery, an unknown stack, a stack without the contract's outputs, missing permissions.
 */
class StackDiscoveryIT {

    private static final List<String> PROPERTIES = List.of("aws.endpointUrlCloudFormation", "aws.endpointUrlApiGateway",
            "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

    private static Path work;
    private static LocalStage stage;

    @BeforeAll
    static void start() {
        work = ItStages.tempDir("discovery-");
        stage = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, work.resolve("default")).port(0)
                .build());
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    @AfterEach
    void clearSdkSettings() {
        PROPERTIES.forEach(System::clearProperty);
    }

    /** What {@code eval "$(turnstile-localstage env)"} sets, as the SDK's system properties (one JVM, no env). */
    private static void pointSdkAt(LocalStage target) {
        Map<String, String> env = AwsEndpointVariables.of(target.profile());
        System.setProperty("aws.endpointUrlCloudFormation", env.get("AWS_ENDPOINT_URL_CLOUDFORMATION"));
        System.setProperty("aws.endpointUrlApiGateway", env.get("AWS_ENDPOINT_URL_API_GATEWAY"));
        System.setProperty("aws.region", env.get("AWS_REGION"));
        System.setProperty("aws.accessKeyId", env.get("AWS_ACCESS_KEY_ID"));
        System.setProperty("aws.secretAccessKey", env.get("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void discoversTheLocalStackAsTheDeployedKindWithEverythingTheLocalProfileHolds() {
        pointSdkAt(stage);
        StageProfile local = stage.profile();

        StageProfile found = StackDiscovery.discover("turnstile");

        assertThat(found.kind()).isEqualTo("aws");
        assertThat(found.isLocal()).isFalse();
        assertThat(found.local()).isNull();
        assertThat(found.endpoints()).isEmpty(); // the SDK's own endpoint settings apply, as on AWS
        assertThat(found.region()).isEqualTo("us-east-1");
        // the template's https://<api>.execute-api.us-east-1.amazonaws.com/Prod, on the local listener
        assertThat(found.invokeUrl()).isEqualTo(local.invokeUrl()).matches("http://127\\.0\\.0\\.1:\\d+/Prod");
        assertThat(found.restApiId()).isEqualTo(local.restApiId());
        assertThat(found.stageName()).isEqualTo("Prod");
        assertThat(found.table()).isEqualTo("turnstile-items");
        assertThat(found.logGroups()).isEqualTo(local.logGroups());
        assertThat(found.logGroups().functions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "WriterFunction", "/aws/lambda/turnstile-writer",
                "TokenAuthorizerFunction", "/aws/lambda/turnstile-token-authorizer",
                "RequestAuthorizerFunction", "/aws/lambda/turnstile-request-authorizer"));
        assertThat(found.functions()).isEqualTo(local.functions());
        assertThat(found.routes()).containsExactlyInAnyOrderElementsOf(local.routes());
        assertThat(found.authorizers()).containsExactlyInAnyOrderElementsOf(local.authorizers());
        assertThat(found.authorizers()).contains(new StageProfile.AuthorizerInfo("RequestAuthorizer", "REQUEST",
                List.of("method.request.header.authorizationToken", "method.request.querystring.tenant"), 300,
                "RequestAuthorizerFunction"));
        // plans with rate, burst, quota and keys (values from GetApiKeys includeValues)
        assertThat(found.usagePlans()).containsExactlyInAnyOrderElementsOf(local.usagePlans());
        StageProfile.UsagePlanInfo small = found.plan("-small");
        assertThat(small.throttle()).isEqualTo(new StageProfile.ThrottleInfo(10.0, 20));
        assertThat(small.quota().limit()).isEqualTo(50);
        assertThat(small.quota().period().name()).isEqualTo("DAY");
        assertThat(small.firstKey().value()).isEqualTo(local.key("-small").value());

        String report = DiscoveryReport.render("turnstile", found);
        for (StageProfile.UsagePlanInfo plan : found.usagePlans()) {
            for (StageProfile.ApiKeyInfo key : plan.apiKeys()) {
                assertThat(report).contains(key.maskedValue()).doesNotContain(key.value());
            }
        }
        assertThat(report).contains("profile kind aws", "invoke URL      " + local.invokeUrl(),
                "usage plan      turnstile-small (" + small.id() + "): rate 10.0/s burst 20, quota 50/DAY offset 0");
    }

    @Test
    void anUnknownStackIsNamedWithCloudFormationsValidationError() {
        pointSdkAt(stage);
        assertThatThrownBy(() -> StackDiscovery.discover("no-such-stack"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stack no-such-stack does not exist in us-east-1 (CloudFormation: Stack with id "
                        + "no-such-stack does not exist); check -Dturnstile.stack and the region (AWS_REGION)");
    }

    @Test
    void aStackWithoutTheContractsOutputsIsOneErrorNamingEveryMissingOutput() throws IOException {
        // the repository's template, with the writer's and the table's outputs removed
        String template = Files.readString(ItStages.SAM_TEMPLATE)
                .replace("../functions/target/turnstile-functions.jar",
                        ItStages.SAM_TEMPLATE.getParent().resolve("../functions/target/turnstile-functions.jar")
                                .normalize().toString())
                .replace("  TableName:\n    Value: !Ref ItemsTable\n", "")
                .replace("  WriterFunctionName:\n    Value: !Ref WriterFunction\n", "");
        assertThat(template).doesNotContain("WriterFunctionName:").doesNotContain("  TableName:\n");
        Path file = Files.createDirectories(work.resolve("partial-template")).resolve("template.yaml");
        Files.writeString(file, template);
        try (LocalStage partial = LocalStage.start(LocalStageOptions.builder(file, work.resolve("partial")).port(0)
                .dynaliteHome(ItStages.DYNALITE_HOME).build())) {
            pointSdkAt(partial);
            assertThatThrownBy(() -> StackDiscovery.discover("turnstile"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("stack turnstile lacks outputs of the Turnstile template contract: TableName, "
                            + "WriterFunctionName (deploy sam/template.yaml from this checkout)");
        }
    }

    @Test
    void missingPermissionsAreReportedTogetherInOneError() {
        try (LocalStage denied = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, work.resolve("denied"))
                .port(0).controlPlane(new LocalStageOptions.ControlPlane("turnstile",
                        DeniedOperations.of(List.of("GetAuthorizers", "GetApiKeys", "GetStage")))).build())) {
            pointSdkAt(denied);
            String api = denied.profile().restApiId();
            assertThatThrownBy(() -> StackDiscovery.discover("turnstile"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("stack discovery for turnstile was denied: apigateway:GET /restapis/" + api
                            + "/stages/Prod; apigateway:GET /restapis/" + api + "/authorizers; apigateway:GET /apikeys"
                            + " (includeValues) — grant these API Gateway read permissions to the caller");
        }
    }

    @Test
    void aDeniedDescribeStacksNamesTheCloudFormationPermission() {
        try (LocalStage denied = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, work.resolve("nocfn"))
                .port(0).controlPlane(new LocalStageOptions.ControlPlane("turnstile",
                        DeniedOperations.of(List.of("DescribeStacks")))).build())) {
            pointSdkAt(denied);
            assertThatThrownBy(() -> StackDiscovery.discover("turnstile"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("stack discovery was denied: cloudformation:DescribeStacks on turnstile (User: "
                            + DeniedOperations.CALLER + " is not authorized to perform: cloudformation:DescribeStacks on"
                            + " resource: arn:aws:cloudformation:us-east-1:123456789012:stack/turnstile/* because no"
                            + " identity-based policy allows the cloudformation:DescribeStacks action)");
        }
    }
}
