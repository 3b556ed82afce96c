package dev.turnstile.localstage.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the local stage serves, resolved from {@code sam/template.yaml} (parameters applied, SAM
 * expanded, intrinsics resolved, ids and key values assigned). Immutable; built once at start.
 *
 * @param restApiId        the RestApi id (10 lowercase alphanumerics, stable per data directory)
 * @param stageName        the stage, first path segment of every invoke URL path
 * @param region           the region reported in ARNs and the profile
 * @param accountId        the account id used in ARNs (12 digits)
 * @param apiKeySource     where API keys are read from
 * @param routes           every method of the API (resource path + verb)
 * @param authorizers      authorizers by name (the SAM name, e.g. {@code TokenAuthorizer})
 * @param usagePlans       usage plans attached to this API stage
 * @param apiKeys          API keys known to the stage
 * @param accessLog        access logging, or null when the stage has none
 * @param methodSettings   stage method settings ({@code MethodSettings}), in template order
 * @param gatewayResponses customised gateway responses by response type (e.g. {@code DEFAULT_4XX})
 * @param functions        Lambda functions by logical id
 * @param tables           DynamoDB tables by logical id
 * @param stageVariables   stage variables (empty when none)
 * @param outputs          the template's Outputs, resolved, by output name
 */
public record StageModel(
        String restApiId,
        String stageName,
        String region,
        String accountId,
        ApiKeySource apiKeySource,
        List<Route> routes,
        Map<String, AuthorizerConfig> authorizers,
        List<UsagePlanConfig> usagePlans,
        List<ApiKeyConfig> apiKeys,
        AccessLogConfig accessLog,
        List<MethodSetting> methodSettings,
        Map<String, GatewayResponseConfig> gatewayResponses,
        Map<String, FunctionConfig> functions,
        Map<String, TableConfig> tables,
        Map<String, String> stageVariables,
        Map<String, String> outputs) {

    /** Where the gateway reads the API key from (RestApi {@code apiKeySource}). */
    public enum ApiKeySource { HEADER, AUTHORIZER }

    /** The execution log group name AWS uses for this stage. */
    public String executionLogGroup() {
        return "API-Gateway-Execution-Logs_" + restApiId + "/" + stageName;
    }

    /**
     * The RestApi's name: what {@code GetRestApis} reports and the {@code ApiName} dimension of the stage's
     * {@code AWS/ApiGateway} metrics, one value for both.
     */
    public String restApiName() {
        return restApiId + "-" + stageName;
    }

    /** The function with this logical id or function name. */
    public Optional<FunctionConfig> function(String logicalIdOrName) {
        FunctionConfig byId = functions.get(logicalIdOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return functions.values().stream().filter(f -> f.functionName().equals(logicalIdOrName)).findFirst();
    }

    /** The most specific method setting for a method ({@code resourcePath}/{@code VERB} beats {@code * /*}). */
    public Optional<MethodSetting> methodSetting(String resourcePath, String httpMethod) {
        MethodSetting wildcard = null;
        for (MethodSetting s : methodSettings) {
            if (s.resourcePath().equals(resourcePath) && s.httpMethod().equalsIgnoreCase(httpMethod)) {
                return Optional.of(s);
            }
            if ("/*".equals(s.resourcePath()) && "*".equals(s.httpMethod())) {
                wildcard = s;
            }
        }
        return Optional.ofNullable(wildcard);
    }
}
