package dev.turnstile.localstage.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's resources after {@code Globals} are merged and resources whose {@code Condition} is false are
 * dropped; it answers {@code Ref} and {@code Fn::GetAtt} for them (physical names resolved lazily, cycles
 * reported), including SAM's generated resources ({@code <Api>UsagePlan}, {@code <Api>.Stage} …).
 */
final class TemplateResources implements IntrinsicResolver.References {

    static final String API = "AWS::Serverless::Api";
    static final String FUNCTION = "AWS::Serverless::Function";
    static final String TABLE = "AWS::DynamoDB::Table";
    static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
    static final String LOG_GROUP = "AWS::Logs::LogGroup";
    static final String USAGE_PLAN = "AWS::ApiGateway::UsagePlan";
    static final String API_KEY = "AWS::ApiGateway::ApiKey";
    static final String USAGE_PLAN_KEY = "AWS::ApiGateway::UsagePlanKey";
    static final String GATEWAY_RESPONSE = "AWS::ApiGateway::GatewayResponse";
    /** SAM's logical id for the implicit API of Api events without {@code RestApiId}. */
    static final String IMPLICIT_API = "ServerlessRestApi";
    /** SAM's fixed stage name of the implicit API (Globals cannot change it). */
    static final String IMPLICIT_STAGE = "Prod";

    private static final Set<String> MODELLED = Set.of(API, FUNCTION, TABLE, SIMPLE_TABLE, LOG_GROUP, USAGE_PLAN,
            API_KEY, USAGE_PLAN_KEY, GATEWAY_RESPONSE);
    /** Types that never change what the data plane answers (permissions, monitoring, storage nobody reads). */
    private static final Set<String> INERT_TYPES = Set.of("AWS::ApiGateway::Account", "AWS::Lambda::Permission",
            "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::EventInvokeConfig",
            "AWS::CloudFormation::WaitConditionHandle", "AWS::ResourceGroups::Group");
    private static final List<String> INERT_PREFIXES = List.of("AWS::IAM::", "AWS::Logs::", "AWS::CloudWatch::",
            "AWS::SNS::", "AWS::KMS::", "AWS::SSM::", "AWS::S3::", "AWS::SQS::", "AWS::Budgets::",
            "AWS::ApplicationInsights::");

    /** One resource of the template. */
    record Resource(String logicalId, String type, Map<?, ?> properties) { }

    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, String> droppedByCondition = new LinkedHashMap<>();
    private final Map<String, Object> refCache = new LinkedHashMap<>();
    private final Set<String> resolving = new LinkedHashSet<>();
    private final IdStore ids;
    private final String stackName;
    private final String region;
    private final String accountId;
    private IntrinsicResolver resolver;

    TemplateResources(IdStore ids, String stackName, String region, String accountId) {
        this.ids = ids;
        this.stackName = stackName;
        this.region = region;
        this.accountId = accountId;
    }

    /** Reads {@code Resources}, merging {@code Globals} and evaluating resource conditions. */
    void load(Map<String, Object> template, IntrinsicResolver resolver) {
        this.resolver = resolver;
        Map<?, ?> globals = map(template.get("Globals"), "Globals");
        for (Object section : globals.keySet()) {
            if (!Set.of("Function", "Api", "SimpleTable").contains(String.valueOf(section))) {
                throw new UnsupportedTemplateException("Globals: section " + section + " is not supported by the local stage");
            }
        }
        Map<?, ?> declared = map(template.get("Resources"), "Resources");
        if (declared.isEmpty()) {
            throw new TemplateException("template has no Resources");
        }
        for (Map.Entry<?, ?> e : declared.entrySet()) {
            String id = String.valueOf(e.getKey());
            Map<?, ?> body = map(e.getValue(), "Resources." + id);
            Object typeValue = body.get("Type");
            if (!(typeValue instanceof String type)) {
                throw new TemplateException(id + ": resource has no Type");
            }
            checkType(id, type);
            for (Map.Entry<?, ?> property : map(body.get("Properties"), id + ".Properties").entrySet()) {
                IntrinsicResolver.checkFunctions(property.getValue(), id + ": property " + property.getKey());
            }
            if (body.get("Condition") instanceof String condition && !resolver.condition(condition, id + ": Condition")) {
                droppedByCondition.put(id, condition);
                continue;
            }
            Map<?, ?> properties = map(body.get("Properties"), id + ".Properties");
            String globalSection = switch (type) {
                case FUNCTION -> "Function";
                case API -> "Api";
                case SIMPLE_TABLE -> "SimpleTable";
                default -> null;
            };
            if (globalSection != null && globals.get(globalSection) != null) {
                properties = merge(map(globals.get(globalSection), "Globals." + globalSection), properties);
            }
            resources.put(id, new Resource(id, type, properties));
        }
        addImplicitApi(globals);
    }

    /**
     * SAM's implicit API (sam-property-function-api.html, the implicit-API page of the SAM guide): when a function
     * has an {@code Api} event without {@code RestApiId}, SAM creates the {@code AWS::Serverless::Api}
     * {@code ServerlessRestApi} with stage {@code Prod}, configured by {@code Globals.Api} — so it is added here as
     * that resource and read like a declared one.
     */
    private void addImplicitApi(Map<?, ?> globals) {
        List<String> implicitEvents = new ArrayList<>();
        for (Resource f : ofType(FUNCTION)) {
            Map<?, ?> events = f.properties().get("Events") instanceof Map<?, ?> m ? m : Map.of();
            for (Map.Entry<?, ?> e : events.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> event && "Api".equals(event.get("Type"))
                        && event.get("Properties") instanceof Map<?, ?> properties
                        && !properties.containsKey("RestApiId")) {
                    implicitEvents.add(f.logicalId() + ".Events." + e.getKey());
                }
            }
        }
        if (implicitEvents.isEmpty()) {
            return;
        }
        if (resources.containsKey(IMPLICIT_API) || droppedByCondition.containsKey(IMPLICIT_API)) {
            throw new TemplateException(IMPLICIT_API + ": the logical id SAM gives the implicit API of " + implicitEvents
                    + " (Api events without RestApiId) is taken by a resource of the template; rename it");
        }
        Map<Object, Object> stage = new LinkedHashMap<>();
        stage.put("StageName", IMPLICIT_STAGE);
        Map<?, ?> properties = globals.get("Api") == null ? stage : merge(map(globals.get("Api"), "Globals.Api"), stage);
        resources.put(IMPLICIT_API, new Resource(IMPLICIT_API, API, properties));
    }

    /** The function whose SAM-generated execution role is {@code logicalId} ({@code <Function>Role}), or null. */
    private Resource functionOfGeneratedRole(String logicalId) {
        if (!logicalId.endsWith("Role")) {
            return null;
        }
        Resource f = resources.get(logicalId.substring(0, logicalId.length() - "Role".length()));
        return f != null && f.type().equals(FUNCTION) && !f.properties().containsKey("Role") ? f : null;
    }

    private static void checkType(String id, String type) {
        if (MODELLED.contains(type) || INERT_TYPES.contains(type)
                || INERT_PREFIXES.stream().anyMatch(type::startsWith)) {
            return;
        }
        throw new UnsupportedTemplateException(id + ": resource type " + type + " is not supported by the local stage"
                + (type.startsWith("AWS::ApiGateway::") || type.equals("AWS::Serverless::HttpApi")
                        ? " (declare the API with AWS::Serverless::Api and function Api events)" : ""));
    }

    /** SAM's Globals rule: maps merge, the resource's scalars win, lists are concatenated (globals first). */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> merge(Map<?, ?> global, Map<?, ?> local) {
        Map<Object, Object> out = new LinkedHashMap<>(global);
        for (Map.Entry<?, ?> e : local.entrySet()) {
            Object g = out.get(e.getKey());
            Object l = e.getValue();
            if (g instanceof Map<?, ?> gm && l instanceof Map<?, ?> lm && !Props.isIntrinsic(gm) && !Props.isIntrinsic(lm)) {
                out.put(e.getKey(), merge(gm, lm));
            } else if (g instanceof List<?> gl && l instanceof List<?> ll) {
                List<Object> joined = new ArrayList<>(gl);
                joined.addAll(ll);
                out.put(e.getKey(), joined);
            } else {
                out.put(e.getKey(), l);
            }
        }
        return out;
    }

    static Map<?, ?> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new TemplateException(where + " must be a mapping");
        }
        return m;
    }

    List<Resource> ofType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    Resource get(String logicalId) {
        return resources.get(logicalId);
    }

    Props props(Resource resource) {
        return new Props(resource.logicalId(), "", resource.properties(), resolver);
    }

    String stackName() {
        return stackName;
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    IdStore ids() {
        return ids;
    }

    // ---- names and ids -------------------------------------------------------------------------------------

    /** CloudFormation's generated physical name: {@code <stack>-<LogicalId>-<SUFFIX>}. */
    String generatedName(String logicalId) {
        return stackName + "-" + logicalId + "-" + ids.upperId("suffix:" + logicalId, 12);
    }

    String restApiId(String apiLogicalId) {
        return ids.lowerId("restApi:" + apiLogicalId, 10);
    }

    String resourceId(String resourcePath) {
        return ids.lowerId("resource:" + resourcePath, 6);
    }

    String usagePlanId(String planLogicalId) {
        return ids.lowerId("usagePlan:" + planLogicalId, 6);
    }

    String apiKeyId(String keyLogicalId) {
        return ids.lowerId("apiKey:" + keyLogicalId, 10);
    }

    /** The single {@code AWS::Serverless::Api}'s stage name ({@code StageName} is required by SAM). */
    String stageName(Resource api) {
        return (String) cached("stage:" + api.logicalId(), () -> props(api).string("StageName"));
    }

    /** {@code PER_API}, {@code SHARED} or {@code NONE} for an API's {@code Auth.UsagePlan}. */
    String usagePlanMode(Resource api) {
        Props auth = props(api).child("Auth");
        Props plan = auth == null ? null : auth.child("UsagePlan");
        if (plan == null) {
            return "NONE";
        }
        String mode = plan.string("CreateUsagePlan");
        if (!Set.of("PER_API", "SHARED", "NONE").contains(mode)) {
            throw new TemplateException(plan.where("CreateUsagePlan") + " must be PER_API, SHARED or NONE, got '" + mode + "'");
        }
        return mode;
    }

    /** The logical id prefix of SAM's generated plan resources: {@code <Api>} or {@code Serverless}. */
    String generatedPlanPrefix(Resource api) {
        return "SHARED".equals(usagePlanMode(api)) ? "Serverless" : api.logicalId();
    }

    private Object cached(String key, java.util.function.Supplier<Object> compute) {
        if (refCache.containsKey(key)) {
            return refCache.get(key);
        }
        if (!resolving.add(key)) {
            throw new TemplateException("circular reference: " + String.join(" -> ", resolving) + " -> " + key);
        }
        try {
            Object value = compute.get();
            refCache.put(key, value);
            return value;
        } finally {
            resolving.remove(key);
        }
    }

    // ---- Ref / GetAtt --------------------------------------------------------------------------------------

    @Override
    public Object ref(String logicalId, String where) {
        int dot = logicalId.indexOf('.');
        if (dot > 0) {
            return apiSubResource(logicalId.substring(0, dot), logicalId.substring(dot + 1), where);
        }
        Resource r = resources.get(logicalId);
        if (r == null) {
            Object generated = generatedRef(logicalId, where);
            if (generated != null) {
                return generated;
            }
            if (functionOfGeneratedRole(logicalId) != null) {
                return generatedName(logicalId); // a role's Ref is its name
            }
            notCreated(logicalId, where);
            return null;
        }
        return switch (r.type()) {
            case API -> restApiId(logicalId);
            case FUNCTION -> functionName(r);
            case TABLE, SIMPLE_TABLE -> tableName(r);
            case LOG_GROUP -> logGroupName(r);
            case USAGE_PLAN -> usagePlanId(logicalId);
            case API_KEY -> apiKeyId(logicalId);
            case USAGE_PLAN_KEY -> cached("ref:" + logicalId, () -> props(r).string("KeyId"));
            default -> generatedName(logicalId);
        };
    }

    private void notCreated(String logicalId, String where) {
        if (droppedByCondition.containsKey(logicalId)) {
            throw new TemplateException(where + " refers to " + logicalId + ", which is not created because condition "
                    + droppedByCondition.get(logicalId) + " is false");
        }
    }

    /** {@code <Api>UsagePlan}, {@code ServerlessApiKey}, {@code <Api><Stage>Stage} … written as plain logical ids. */
    private Object generatedRef(String logicalId, String where) {
        for (Resource api : ofType(API)) {
            String prefix = generatedPlanPrefix(api);
            for (String part : List.of("UsagePlan", "ApiKey", "UsagePlanKey")) {
                if (logicalId.equals(prefix + part)) {
                    return apiSubResource(api.logicalId(), part, where);
                }
            }
            if (logicalId.equals(stageLogicalId(api))) {
                return stageName(api);
            }
        }
        return null;
    }

    /** SAM's stage resource: {@code <Api><StageName>Stage}, non-alphanumerics removed. */
    String stageLogicalId(Resource api) {
        return api.logicalId() + stageName(api).replaceAll("[^A-Za-z0-9]", "") + "Stage";
    }

    private Object apiSubResource(String apiId, String part, String where) {
        Resource api = resources.get(apiId);
        if (api == null || !api.type().equals(API)) {
            notCreated(apiId, where);
            throw new TemplateException(where + " refers to " + apiId + "." + part + ", but " + apiId
                    + " is not an AWS::Serverless::Api of this template");
        }
        switch (part) {
            case "Stage":
                return stageName(api);
            case "Deployment":
                return ids.lowerId("deployment:" + apiId, 6);
            case "UsagePlan", "ApiKey", "UsagePlanKey": {
                if ("NONE".equals(usagePlanMode(api))) {
                    throw new TemplateException(where + " refers to " + apiId + "." + part + ", but " + apiId
                            + " has no Auth.UsagePlan with CreateUsagePlan PER_API or SHARED");
                }
                String prefix = generatedPlanPrefix(api);
                return part.equals("UsagePlan") ? usagePlanId(prefix + "UsagePlan") : apiKeyId(prefix + "ApiKey");
            }
            default:
                throw new TemplateException(where + " refers to " + apiId + "." + part
                        + "; SAM only defines Stage, Deployment, UsagePlan, ApiKey and UsagePlanKey");
        }
    }

    String functionName(Resource r) {
        return (String) cached("ref:" + r.logicalId(),
                () -> props(r).string("FunctionName", generatedName(r.logicalId())));
    }

    String tableName(Resource r) {
        return (String) cached("ref:" + r.logicalId(),
                () -> props(r).string("TableName", generatedName(r.logicalId())));
    }

    String logGroupName(Resource r) {
        return (String) cached("ref:" + r.logicalId(),
                () -> props(r).string("LogGroupName", generatedName(r.logicalId())));
    }

    @Override
    public Object getAtt(String logicalId, String attribute, String where) {
        Resource r = resources.get(logicalId);
        if (r == null && functionOfGeneratedRole(logicalId) != null) {
            r = new Resource(logicalId, "AWS::IAM::Role", Map.of()); // SAM's <Function>Role for a function without Role
        }
        if (r == null) {
            notCreated(logicalId, where);
            throw new TemplateException(where + ": Fn::GetAtt refers to " + logicalId + ", which is not a resource");
        }
        String value = switch (r.type() + "." + attribute) {
            case FUNCTION + ".Arn" -> "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName(r);
            case TABLE + ".Arn", SIMPLE_TABLE + ".Arn" ->
                    "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName(r);
            case LOG_GROUP + ".Arn" -> "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + logGroupName(r) + ":*";
            case API + ".RootResourceId" -> resourceId("/");
            case API_KEY + ".APIKeyId" -> apiKeyId(logicalId);
            case USAGE_PLAN + ".Id" -> usagePlanId(logicalId);
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + accountId + ":role/" + generatedName(logicalId);
            case "AWS::IAM::Role.RoleId" -> "AROA" + ids.upperId("roleId:" + logicalId, 17);
            default -> null;
        };
        if (value == null && attribute.equals("Arn") && INERT_PREFIXES.stream().anyMatch(r.type()::startsWith)) {
            String[] parts = r.type().split("::");
            value = "arn:aws:" + parts[1].toLowerCase() + ":" + region + ":" + accountId + ":"
                    + parts[2].toLowerCase() + "/" + generatedName(logicalId);
        }
        if (value == null) {
            throw new UnsupportedTemplateException(where + ": Fn::GetAtt " + logicalId + "." + attribute + " (" + r.type()
                    + ") is not supported by the local stage");
        }
        return value;
    }
}
