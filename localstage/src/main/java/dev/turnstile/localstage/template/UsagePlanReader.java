package dev.turnstile.localstage.template;

import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Usage plans and API keys: SAM's generated plan, key and plan key for {@code Auth.UsagePlan} (PER_API or SHARED)
 * plus plain {@code AWS::ApiGateway::UsagePlan}, {@code ApiKey} and {@code UsagePlanKey} resources. Only plans
 * with an {@code ApiStages} entry for this API stage are part of the model.
 */
final class UsagePlanReader {

    /** Plans attached to the stage, and every API key of the template. */
    record Plans(List<UsagePlanConfig> usagePlans, List<ApiKeyConfig> apiKeys) { }

    private final TemplateResources resources;
    private final ApiExpander.Api api;
    private final Map<String, PlanBuilder> plansById = new LinkedHashMap<>();
    private final Map<String, ApiKeyConfig> keysById = new LinkedHashMap<>();

    private record PlanBuilder(String id, String logicalId, String name, Throttle throttle, Quota quota,
                               Map<String, Throttle> methodThrottle, List<String> keyIds) { }

    UsagePlanReader(TemplateResources resources, ApiExpander.Api api) {
        this.resources = resources;
        this.api = api;
    }

    Plans read() {
        samGeneratedPlan();
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.USAGE_PLAN)) {
            plainPlan(r);
        }
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.API_KEY)) {
            plainKey(r);
        }
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.USAGE_PLAN_KEY)) {
            planKey(r);
        }
        Map<String, String> planOfKey = new LinkedHashMap<>();
        List<UsagePlanConfig> plans = new ArrayList<>();
        for (PlanBuilder b : plansById.values()) {
            for (String keyId : b.keyIds()) {
                String other = planOfKey.put(keyId, b.logicalId());
                if (other != null) {
                    throw new TemplateException("API key " + keysById.get(keyId).logicalId() + " is in usage plans " + other
                            + " and " + b.logicalId() + ", but a key may be in only one plan per API stage");
                }
            }
            plans.add(new UsagePlanConfig(b.id(), b.logicalId(), b.name(), b.throttle(), b.quota(),
                    Map.copyOf(b.methodThrottle()), List.copyOf(b.keyIds())));
        }
        return new Plans(List.copyOf(plans), List.copyOf(keysById.values()));
    }

    private void samGeneratedPlan() {
        TemplateResources.Resource apiResource = api.resource();
        if ("NONE".equals(resources.usagePlanMode(apiResource))) {
            return;
        }
        Props plan = resources.props(apiResource).child("Auth").child("UsagePlan");
        plan.allowOnly(Set.of("CreateUsagePlan", "Description", "Quota", "Throttle", "Tags", "UsagePlanName"));
        String prefix = resources.generatedPlanPrefix(apiResource);
        String planLogicalId = prefix + "UsagePlan";
        String keyLogicalId = prefix + "ApiKey";
        String planId = resources.usagePlanId(planLogicalId);
        String keyId = resources.apiKeyId(keyLogicalId);
        keysById.put(keyId, new ApiKeyConfig(keyId, keyLogicalId, resources.generatedName(keyLogicalId),
                resources.ids().secret("apiKeyValue:" + keyLogicalId, 40), true));
        List<String> keyIds = new ArrayList<>(List.of(keyId));
        plansById.put(planId, new PlanBuilder(planId, planLogicalId, plan.string("UsagePlanName", planLogicalId),
                throttle(plan.child("Throttle")), quota(plan.child("Quota")), new LinkedHashMap<>(), keyIds));
    }

    private void plainPlan(TemplateResources.Resource r) {
        Props p = resources.props(r);
        p.allowOnly(Set.of("UsagePlanName", "ApiStages", "Throttle", "Quota", "Description", "Tags"));
        Map<String, Throttle> methodThrottle = new LinkedHashMap<>();
        boolean attached = false;
        List<Object> stages = p.list("ApiStages");
        for (int i = 0; i < stages.size(); i++) {
            Props stage = new Props(r.logicalId(), "ApiStages[" + i + "]",
                    TemplateResources.map(stages.get(i), p.where("ApiStages")), null);
            stage.allowOnly(Set.of("ApiId", "Stage", "Throttle"));
            if (!stage.string("ApiId").equals(api.restApiId()) || !stage.string("Stage").equals(api.stageName())) {
                throw new UnsupportedTemplateException(stage.where("ApiId") + " names API stage " + stage.string("ApiId")
                        + "/" + stage.string("Stage") + ", which is not the template's " + api.resource().logicalId()
                        + "/" + api.stageName());
            }
            attached = true;
            Props throttles = stage.child("Throttle");
            if (throttles != null) {
                for (Object key : throttles.keys()) {
                    String methodKey = String.valueOf(key);
                    checkMethodKey(throttles, methodKey);
                    methodThrottle.put(methodKey, throttle(throttles.child(methodKey)));
                }
            }
        }
        if (!attached) {
            return;
        }
        String id = resources.usagePlanId(r.logicalId());
        plansById.put(id, new PlanBuilder(id, r.logicalId(), p.string("UsagePlanName", resources.generatedName(r.logicalId())),
                throttle(p.child("Throttle")), quota(p.child("Quota")), methodThrottle, new ArrayList<>()));
    }

    /** A method throttle key must be {@code /path/VERB} of a route of the API. */
    private void checkMethodKey(Props throttles, String methodKey) {
        boolean known = api.routes().stream().map(Route::throttleKey).anyMatch(methodKey::equals);
        if (!known) {
            throw new TemplateException(throttles.where(methodKey) + ": method " + methodKey + " is not a method of the API"
                    + " (known: " + api.routes().stream().map(Route::throttleKey).toList() + ")");
        }
    }

    private void plainKey(TemplateResources.Resource r) {
        Props p = resources.props(r);
        p.allowOnly(Set.of("Name", "Value", "Enabled", "Description", "StageKeys", "CustomerId", "GenerateDistinctId",
                "Tags"));
        String value = p.string("Value", null);
        if (value == null) {
            value = resources.ids().secret("apiKeyValue:" + r.logicalId(), 40);
        } else if (!value.matches("[A-Za-z0-9]{20,128}")) {
            throw new TemplateException(p.where("Value") + " must be 20 to 128 letters and digits (got "
                    + value.length() + " characters)");
        }
        String finalValue = value;
        keysById.values().stream().filter(k -> k.value().equals(finalValue)).findFirst().ifPresent(k -> {
            throw new TemplateException(p.where("Value") + " duplicates the value of API key " + k.logicalId());
        });
        String id = resources.apiKeyId(r.logicalId());
        // CloudFormation's default for Enabled is false
        keysById.put(id, new ApiKeyConfig(id, r.logicalId(), p.string("Name", resources.generatedName(r.logicalId())),
                value, p.bool("Enabled", false)));
    }

    private void planKey(TemplateResources.Resource r) {
        Props p = resources.props(r);
        p.allowOnly(Set.of("KeyId", "KeyType", "UsagePlanId"));
        if (!"API_KEY".equals(p.string("KeyType"))) {
            throw new TemplateException(p.where("KeyType") + " must be API_KEY, got '" + p.string("KeyType") + "'");
        }
        String keyId = p.string("KeyId");
        if (!keysById.containsKey(keyId)) {
            throw new TemplateException(p.where("KeyId") + " is " + keyId + ", which is not an API key of this template");
        }
        PlanBuilder plan = plansById.get(p.string("UsagePlanId"));
        if (plan == null) {
            boolean declared = resources.ofType(TemplateResources.USAGE_PLAN).stream()
                    .anyMatch(u -> resources.usagePlanId(u.logicalId()).equals(p.string("UsagePlanId")));
            if (!declared) {
                throw new TemplateException(p.where("UsagePlanId") + " is " + p.string("UsagePlanId")
                        + ", which is not a usage plan of this template");
            }
            return; // a plan not attached to this stage: the key does not open the API
        }
        if (!plan.keyIds().contains(keyId)) {
            plan.keyIds().add(keyId);
        }
    }

    private static Throttle throttle(Props t) {
        if (t == null) {
            return null;
        }
        t.allowOnly(Set.of("RateLimit", "BurstLimit"));
        Double rate = t.decimalOrNull("RateLimit");
        Integer burst = t.integerOrNull("BurstLimit");
        if (rate == null || burst == null) {
            throw new TemplateException(t.where("RateLimit") + " and BurstLimit are both required");
        }
        if (rate < 0 || burst < 0) {
            throw new TemplateException(t.where("RateLimit") + " and BurstLimit must not be negative");
        }
        return new Throttle(rate, burst);
    }

    private static Quota quota(Props q) {
        if (q == null) {
            return null;
        }
        q.allowOnly(Set.of("Limit", "Period", "Offset"));
        int limit = q.integerOrNull("Limit") == null ? -1 : q.integerOrNull("Limit");
        if (limit < 0) {
            throw new TemplateException(q.where("Limit") + " is required and must not be negative");
        }
        String period = q.string("Period");
        if (!Set.of("DAY", "WEEK", "MONTH").contains(period)) {
            throw new TemplateException(q.where("Period") + " must be DAY, WEEK or MONTH, got '" + period + "'");
        }
        int offset = q.integer("Offset", 0);
        if (offset < 0 || offset >= Math.max(1, limit)) {
            throw new TemplateException(q.where("Offset") + " must be 0 or more and below Limit, got " + offset);
        }
        return new Quota(limit, QuotaPeriod.valueOf(period), offset);
    }
}
