package dev.turnstile.localstage.profile;

import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.TableConfig;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a running local stage's model and endpoints into the stage profile (stage/README.md), the same shape
 * discovery writes for a deployed stack.
 */
public final class ProfileBuilder {

    private ProfileBuilder() {
    }

    /**
     * Builds the profile.
     *
     * @param model          the stage model
     * @param invokeUrl      {@code http://127.0.0.1:<port>/<stage>}
     * @param endpoints      service endpoints by name (dynamodb, logs, cloudwatch, apigateway, lambda, admin)
     * @param dataDir        the data directory
     * @param prewarm        environments pre-warmed per function
     * @param concurrencyCap environments per function at most
     * @param account        the account-level throttle
     */
    public static StageProfile build(StageModel model, String invokeUrl, Map<String, String> endpoints, Path dataDir,
                                     int prewarm, int concurrencyCap, Throttle account) {
        Map<String, String> functions = new LinkedHashMap<>();
        Map<String, String> functionLogs = new LinkedHashMap<>();
        Map<String, Integer> prewarmed = new LinkedHashMap<>();
        for (FunctionConfig f : model.functions().values()) {
            functions.put(f.logicalId(), f.functionName());
            functionLogs.put(f.logicalId(), f.logGroupName());
            int cap = f.reservedConcurrency() == null ? concurrencyCap : Math.min(concurrencyCap, f.reservedConcurrency());
            prewarmed.put(f.logicalId(), Math.min(prewarm, cap));
        }
        StageProfile.LogGroups logGroups = new StageProfile.LogGroups(
                model.accessLog() == null ? null : model.accessLog().logGroupName(),
                model.executionLogGroup(), functionLogs);
        List<StageProfile.RouteInfo> routes = model.routes().stream()
                .map(r -> new StageProfile.RouteInfo(r.httpMethod(), r.resourcePath(), r.authorizerName(), r.apiKeyRequired()))
                .toList();
        List<StageProfile.AuthorizerInfo> authorizers = model.authorizers().values().stream()
                .map(ProfileBuilder::authorizer)
                .toList();
        List<StageProfile.UsagePlanInfo> plans = new ArrayList<>();
        for (UsagePlanConfig plan : model.usagePlans()) {
            plans.add(plan(model, plan));
        }
        return new StageProfile("local", model.region(), invokeUrl, model.restApiId(), model.stageName(),
                Map.copyOf(endpoints), table(model), logGroups, functions, routes, authorizers, plans,
                new StageProfile.LocalInfo(dataDir.toAbsolutePath().toString(), prewarmed, concurrencyCap,
                        new StageProfile.ThrottleInfo(account.rateLimit(), account.burstLimit())));
    }

    /** The writer's table: the {@code TableName} output when present, else the only table of the template. */
    private static String table(StageModel model) {
        String output = model.outputs().get("TableName");
        if (output != null) {
            return output;
        }
        return model.tables().values().stream().map(TableConfig::tableName).findFirst().orElse(null);
    }

    private static StageProfile.AuthorizerInfo authorizer(AuthorizerConfig a) {
        return new StageProfile.AuthorizerInfo(a.name(), a.type().name(),
                a.identitySources().stream().map(AuthorizerConfig.IdentitySource::expression).toList(),
                a.ttlSeconds(), a.functionLogicalId());
    }

    private static StageProfile.UsagePlanInfo plan(StageModel model, UsagePlanConfig plan) {
        Map<String, StageProfile.ThrottleInfo> methodThrottle = new LinkedHashMap<>();
        plan.methodThrottle().forEach((k, t) -> methodThrottle.put(k, throttle(t)));
        List<StageProfile.ApiKeyInfo> keys = new ArrayList<>();
        for (String keyId : plan.apiKeyIds()) {
            model.apiKeys().stream().filter(k -> k.id().equals(keyId)).findFirst()
                    .map(ProfileBuilder::key).ifPresent(keys::add);
        }
        StageProfile.QuotaInfo quota = plan.quota() == null ? null
                : new StageProfile.QuotaInfo(plan.quota().limit(), plan.quota().period(), plan.quota().offset());
        return new StageProfile.UsagePlanInfo(plan.id(), plan.name(), throttle(plan.throttle()), quota,
                methodThrottle, keys);
    }

    private static StageProfile.ApiKeyInfo key(ApiKeyConfig k) {
        return new StageProfile.ApiKeyInfo(k.id(), k.name(), k.value());
    }

    private static StageProfile.ThrottleInfo throttle(Throttle t) {
        return t == null ? null : new StageProfile.ThrottleInfo(t.rateLimit(), t.burstLimit());
    }
}
