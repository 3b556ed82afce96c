package dev.turnstile.stage.discovery;

import dev.turnstile.stage.profile.StageProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Builds the profile of a deployed stack: CloudFormation {@code DescribeStacks} outputs (the template contract's
 * names), then API Gateway {@code GetStage}, {@code GetResources}, {@code GetAuthorizers}, {@code GetUsagePlans},
 * {@code GetUsagePlanKeys} and {@code GetApiKeys(includeValues)}. Region and credentials come from the AWS default
 * chain. Every permission that is missing is reported together in one error, so one IAM fix is enough.
 */
public final class StackDiscovery {

    private StackDiscovery() {
    }

    /** Discovers {@code stackName} with clients from the default chain. */
    public static StageProfile discover(String stackName) {
        Region region;
        try {
            region = new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("no AWS region for stack discovery: set AWS_REGION or a profile region ("
                    + e.getMessage() + ")", e);
        }
        try (CloudFormationClient cfn = CloudFormationClient.builder().region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             ApiGatewayClient apigw = ApiGatewayClient.builder().region(region)
                     .credentialsProvider(DefaultCredentialsProvider.builder().build())
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            StageProfile profile = ProfileAssembler.assemble(read(stackName, region.id(), cfn, apigw));
            // what the run talks to, before it starts (keys masked): a nightly log must say which stack it judged
            System.out.print(DiscoveryReport.render(stackName, profile));
            return profile;
        }
    }

    /** Reads everything the profile needs; denied calls are collected and reported together. */
    static DiscoveredStack read(String stackName, String region, CloudFormationClient cfn, ApiGatewayClient apigw) {
        Map<String, String> outputs = outputs(stackName, region, cfn);
        List<String> missing = ProfileAssembler.missingOutputs(outputs);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("stack " + stackName + " lacks outputs of the Turnstile template contract: "
                    + String.join(", ", missing) + " (deploy sam/template.yaml from this checkout)");
        }
        String api = outputs.get("RestApiId");
        String stageName = outputs.get("StageName");
        List<String> denied = new ArrayList<>();
        GetStageResponse stage = call(denied, "apigateway:GET /restapis/" + api + "/stages/" + stageName,
                () -> apigw.getStage(r -> r.restApiId(api).stageName(stageName)));
        List<Resource> resources = call(denied, "apigateway:GET /restapis/" + api + "/resources",
                () -> apigw.getResourcesPaginator(r -> r.restApiId(api).embed("methods")).items().stream().toList());
        List<Authorizer> authorizers = call(denied, "apigateway:GET /restapis/" + api + "/authorizers",
                () -> apigw.getAuthorizers(r -> r.restApiId(api).limit(500)).items());
        List<UsagePlan> plans = call(denied, "apigateway:GET /usageplans",
                () -> apigw.getUsagePlansPaginator(r -> { }).items().stream().toList());
        List<ApiKey> keys = call(denied, "apigateway:GET /apikeys (includeValues)",
                () -> apigw.getApiKeysPaginator(r -> r.includeValues(true)).items().stream().toList());
        Map<String, List<UsagePlanKey>> planKeys = new LinkedHashMap<>();
        if (plans != null) {
            for (UsagePlan plan : plans) {
                boolean ours = plan.apiStages().stream()
                        .anyMatch(s -> api.equals(s.apiId()) && stageName.equals(s.stage()));
                if (ours) {
                    List<UsagePlanKey> items = call(denied, "apigateway:GET /usageplans/" + plan.id() + "/keys",
                            () -> apigw.getUsagePlanKeysPaginator(r -> r.usagePlanId(plan.id())).items().stream()
                                    .toList());
                    planKeys.put(plan.id(), items == null ? List.of() : items);
                }
            }
        }
        if (!denied.isEmpty()) {
            throw new IllegalStateException("stack discovery for " + stackName + " was denied: " + String.join("; ", denied)
                    + " — grant these API Gateway read permissions to the caller");
        }
        if (stage.accessLogSettings() == null || stage.accessLogSettings().destinationArn() == null
                || !stage.accessLogSettings().destinationArn().contains(":log-group:" + outputs.get("AccessLogGroupName"))) {
            throw new IllegalStateException("stage " + api + "/" + stageName + " does not send access logs to output "
                    + "AccessLogGroupName " + outputs.get("AccessLogGroupName") + " (accessLogSettings: "
                    + stage.accessLogSettings() + ")");
        }
        return new DiscoveredStack(region, outputs, stage, resources, authorizers, plans, planKeys, keys);
    }

    private static Map<String, String> outputs(String stackName, String region, CloudFormationClient cfn) {
        List<Stack> stacks;
        try {
            stacks = cfn.describeStacks(r -> r.stackName(stackName)).stacks();
        } catch (AwsServiceException e) {
            if (isDenied(e)) {
                throw new IllegalStateException("stack discovery was denied: cloudformation:DescribeStacks on "
                        + stackName + " (" + e.awsErrorDetails().errorMessage() + ")", e);
            }
            if ("ValidationError".equals(e.awsErrorDetails().errorCode())
                    && String.valueOf(e.awsErrorDetails().errorMessage()).endsWith("does not exist")) {
                throw new IllegalStateException("stack " + stackName + " does not exist in " + region
                        + " (CloudFormation: " + e.awsErrorDetails().errorMessage() + "); check -Dturnstile.stack"
                        + " and the region (AWS_REGION)", e);
            }
            throw new IllegalStateException("cannot describe stack " + stackName + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        if (stacks.isEmpty()) {
            throw new IllegalStateException("stack " + stackName + " not found");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output o : stacks.get(0).outputs()) {
            outputs.put(o.outputKey(), o.outputValue());
        }
        return outputs;
    }

    private static <T> T call(List<String> denied, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            if (isDenied(e)) {
                denied.add(what);
                return null;
            }
            throw new IllegalStateException(what + " failed: " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    private static boolean isDenied(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code)
                || "UnauthorizedOperation".equals(code);
    }
}
