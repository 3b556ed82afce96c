package dev.turnstile.stage.discovery;

import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import dev.turnstile.stage.profile.StageProfile.LogGroups;
import dev.turnstile.stage.profile.StageProfile.QuotaInfo;
import dev.turnstile.stage.profile.StageProfile.RouteInfo;
import dev.turnstile.stage.profile.StageProfile.ThrottleInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

/** Maps a {@link DiscoveredStack} (CloudFormation outputs + API Gateway answers) to a stage profile. */
public final class ProfileAssembler {

    /** Output names of the template contract, all required. */
    public static final List<String> REQUIRED_OUTPUTS = List.of("InvokeUrl", "RestApiId", "StageName", "TableName",
            "AccessLogGroupName", "ExecutionLogGroupName", "StandardUsagePlanId", "StandardApiKeyId",
            "SmallUsagePlanId", "SmallApiKeyId", "WriterFunctionName", "TokenAuthorizerFunctionName",
            "RequestAuthorizerFunctionName");

    /** Function logical ids of the template contract, by the output naming each function. */
    private static final Map<String, String> FUNCTION_OUTPUTS = Map.of(
            "WriterFunctionName", "WriterFunction",
            "TokenAuthorizerFunctionName", "TokenAuthorizerFunction",
            "RequestAuthorizerFunctionName", "RequestAuthorizerFunction");

    /** {@code …/functions/arn:aws:lambda:<region>:<account>:function:<name>[:alias]/invocations}. */
    private static final Pattern FUNCTION_IN_URI = Pattern.compile(":function:([^:/]+)(?::[^/]+)?/invocations$");

    private ProfileAssembler() {
    }

    /** The outputs of the contract that the stack lacks (empty when complete). */
    public static List<String> missingOutputs(Map<String, String> outputs) {
        return REQUIRED_OUTPUTS.stream().filter(name -> outputs.get(name) == null || outputs.get(name).isBlank())
                .toList();
    }

    /** Builds the profile; missing outputs are one error naming all of them. */
    public static StageProfile assemble(DiscoveredStack stack) {
        Map<String, String> out = stack.outputs();
        List<String> missing = missingOutputs(out);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("stack outputs missing (template contract): " + String.join(", ", missing));
        }
        String restApiId = out.get("RestApiId");
        String stageName = out.get("StageName");

        Map<String, String> functions = new LinkedHashMap<>();
        Map<String, String> functionGroups = new LinkedHashMap<>();
        Map<String, String> logicalByName = new LinkedHashMap<>();
        FUNCTION_OUTPUTS.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            String name = out.get(e.getKey());
            functions.put(e.getValue(), name);
            functionGroups.put(e.getValue(), "/aws/lambda/" + name);
            logicalByName.put(name, e.getValue());
        });

        Map<String, Authorizer> authorizersById = new LinkedHashMap<>();
        List<AuthorizerInfo> authorizers = new ArrayList<>();
        for (Authorizer a : stack.authorizers()) {
            authorizersById.put(a.id(), a);
            authorizers.add(new AuthorizerInfo(a.name(), a.typeAsString(), identitySources(a.identitySource()),
                    a.authorizerResultTtlInSeconds() == null ? 300 : a.authorizerResultTtlInSeconds(),
                    functionLogicalId(a, logicalByName)));
        }

        List<RouteInfo> routes = new ArrayList<>();
        for (Resource r : stack.resources()) {
            if (!r.hasResourceMethods()) {
                continue;
            }
            for (Map.Entry<String, Method> m : r.resourceMethods().entrySet()) {
                Method method = m.getValue();
                String verb = method.httpMethod() != null ? method.httpMethod() : m.getKey();
                if ("OPTIONS".equals(verb)) {
                    continue; // CORS preflight, not part of the contract's routes
                }
                Authorizer authorizer = method.authorizerId() == null ? null : authorizersById.get(method.authorizerId());
                if (method.authorizerId() != null && authorizer == null) {
                    throw new IllegalStateException("method " + verb + " " + r.path() + " names authorizer "
                            + method.authorizerId() + " which GetAuthorizers did not return");
                }
                routes.add(new RouteInfo(verb, r.path(), authorizer == null ? null : authorizer.name(),
                        Boolean.TRUE.equals(method.apiKeyRequired())));
            }
        }
        routes.sort(Comparator.comparing(RouteInfo::path).thenComparing(RouteInfo::method));

        Map<String, ApiKey> keysById = new LinkedHashMap<>();
        stack.apiKeys().forEach(k -> keysById.put(k.id(), k));
        List<UsagePlanInfo> plans = new ArrayList<>();
        for (UsagePlan plan : stack.usagePlans()) {
            ApiStage apiStage = plan.apiStages().stream()
                    .filter(s -> restApiId.equals(s.apiId()) && stageName.equals(s.stage())).findFirst().orElse(null);
            if (apiStage == null) {
                continue; // a plan of some other API in the same account
            }
            List<ApiKeyInfo> keys = new ArrayList<>();
            for (UsagePlanKey planKey : stack.usagePlanKeys().getOrDefault(plan.id(), List.of())) {
                ApiKey key = keysById.get(planKey.id());
                if (key == null || key.value() == null) {
                    throw new IllegalStateException("usage plan " + plan.name() + " holds key " + planKey.id()
                            + " but GetApiKeys(includeValues) did not return its value");
                }
                keys.add(new ApiKeyInfo(key.id(), key.name(), key.value()));
            }
            Map<String, ThrottleInfo> methodThrottle = new LinkedHashMap<>();
            if (apiStage.hasThrottle()) {
                apiStage.throttle().forEach((k, v) -> methodThrottle.put(k, throttle(v)));
            }
            plans.add(new UsagePlanInfo(plan.id(), plan.name(), plan.throttle() == null ? null : throttle(plan.throttle()),
                    plan.quota() == null ? null : new QuotaInfo(plan.quota().limit(), QuotaPeriod.parse(plan.quota().periodAsString()),
                            plan.quota().offset() == null ? 0 : plan.quota().offset()),
                    methodThrottle, keys));
        }
        for (String planOutput : List.of("StandardUsagePlanId", "SmallUsagePlanId")) {
            String id = out.get(planOutput);
            if (plans.stream().noneMatch(p -> p.id().equals(id))) {
                throw new IllegalStateException("output " + planOutput + " = " + id + " names no usage plan attached to "
                        + restApiId + "/" + stageName);
            }
        }

        return new StageProfile("aws", stack.region(), stripSlash(out.get("InvokeUrl")), restApiId, stageName, Map.of(),
                out.get("TableName"), new LogGroups(out.get("AccessLogGroupName"), out.get("ExecutionLogGroupName"),
                functionGroups), functions, routes, authorizers, plans, null);
    }

    static List<String> identitySources(String identitySource) {
        if (identitySource == null || identitySource.isBlank()) {
            return List.of();
        }
        return Arrays.stream(identitySource.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String functionLogicalId(Authorizer authorizer, Map<String, String> logicalByName) {
        Matcher m = authorizer.authorizerUri() == null ? null : FUNCTION_IN_URI.matcher(authorizer.authorizerUri());
        if (m == null || !m.find()) {
            throw new IllegalStateException("authorizer " + authorizer.name() + " has no Lambda function URI: "
                    + authorizer.authorizerUri());
        }
        String logical = logicalByName.get(m.group(1));
        if (logical == null) {
            throw new IllegalStateException("authorizer " + authorizer.name() + " invokes function " + m.group(1)
                    + ", which is none of the stack's function outputs " + logicalByName.keySet());
        }
        return logical;
    }

    private static ThrottleInfo throttle(ThrottleSettings settings) {
        return new ThrottleInfo(settings.rateLimit() == null ? 0 : settings.rateLimit(),
                settings.burstLimit() == null ? 0 : settings.burstLimit());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
