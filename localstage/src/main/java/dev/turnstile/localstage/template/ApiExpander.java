package dev.turnstile.localstage.template;

import dev.turnstile.localstage.model.AccessLogConfig;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.AuthorizerConfig.IdentitySource;
import dev.turnstile.localstage.model.GatewayResponseConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel.ApiKeySource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SAM expansion of the template's one {@code AWS::Serverless::Api}: stage, auth (authorizers, default
 * authorizer, API key requirement), function {@code Api} events as routes, access logging, method settings,
 * gateway responses and stage variables. Usage plans and keys are left to {@link UsagePlanReader}.
 */
final class ApiExpander {

    /** The API as the stage model needs it. */
    record Api(TemplateResources.Resource resource, String restApiId, String stageName, ApiKeySource apiKeySource,
               List<Route> routes, Map<String, AuthorizerConfig> authorizers, AccessLogConfig accessLog,
               List<MethodSetting> methodSettings, Map<String, GatewayResponseConfig> gatewayResponses,
               Map<String, String> stageVariables) { }

    private static final Set<String> API_PROPERTIES = Set.of("StageName", "Name", "Description", "Tags",
            "PropagateTags", "TracingEnabled", "OpenApiVersion", "Auth", "AccessLogSetting", "MethodSettings",
            "GatewayResponses", "Variables", "ApiKeySourceType", "EndpointConfiguration", "FailOnWarnings",
            "AlwaysDeploy", "DisableExecuteApiEndpoint", "Mode");
    private static final Set<String> AUTH_PROPERTIES = Set.of("ApiKeyRequired", "DefaultAuthorizer", "Authorizers",
            "UsagePlan", "AddDefaultAuthorizerToCorsPreflight", "AddApiKeyRequiredToCorsPreflight");
    private static final Set<String> AUTHORIZER_PROPERTIES = Set.of("FunctionArn", "FunctionPayloadType", "Identity",
            "FunctionInvokeRole", "DisableFunctionDefaultPermissions");
    private static final Set<String> METHOD_SETTING_PROPERTIES = Set.of("ResourcePath", "HttpMethod", "LoggingLevel",
            "MetricsEnabled", "DataTraceEnabled", "ThrottlingRateLimit", "ThrottlingBurstLimit", "CachingEnabled");
    private static final Set<String> EVENT_PROPERTIES = Set.of("RestApiId", "Path", "Method", "Auth", "TimeoutInMillis");
    static final Set<String> RESPONSE_TYPES = Set.of("DEFAULT_4XX", "DEFAULT_5XX", "ACCESS_DENIED",
            "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "BAD_REQUEST_PARAMETERS",
            "BAD_REQUEST_BODY", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY",
            "INVALID_SIGNATURE", "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE",
            "RESOURCE_NOT_FOUND", "THROTTLED", "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED");
    private static final String HEADER_PARAMETER = "gatewayresponse.header.";
    private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final Pattern LOG_GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:([^:]+)(:\\*)?");

    private final TemplateResources resources;

    ApiExpander(TemplateResources resources) {
        this.resources = resources;
    }

    Api expand() {
        List<TemplateResources.Resource> apis = resources.ofType(TemplateResources.API);
        if (apis.isEmpty()) {
            throw new TemplateException("template has no AWS::Serverless::Api; the local stage serves one REST API");
        }
        if (apis.size() > 1) {
            throw new UnsupportedTemplateException("the local stage serves one AWS::Serverless::Api, the template declares "
                    + apis.stream().map(a -> a.logicalId().equals(TemplateResources.IMPLICIT_API)
                            ? a.logicalId() + " (the implicit API of Api events without RestApiId)" : a.logicalId())
                    .toList());
        }
        TemplateResources.Resource api = apis.get(0);
        Props p = resources.props(api);
        p.allowOnly(API_PROPERTIES);
        checkEndpoint(p);
        if (p.bool("DisableExecuteApiEndpoint", false)) {
            throw UnsupportedTemplateException.property(api.logicalId(), "DisableExecuteApiEndpoint");
        }
        String stageName = resources.stageName(api);
        if (!stageName.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new TemplateException(p.where("StageName") + " must be 1-128 letters, digits, '-' or '_', got '"
                    + stageName + "'");
        }
        String keySource = p.string("ApiKeySourceType", "HEADER");
        if (!Set.of("HEADER", "AUTHORIZER").contains(keySource)) {
            throw UnsupportedTemplateException.property(api.logicalId(), "ApiKeySourceType " + keySource);
        }
        Props auth = p.child("Auth");
        if (auth != null) {
            auth.allowOnly(AUTH_PROPERTIES);
        }
        Map<String, AuthorizerConfig> authorizers = authorizers(auth);
        String defaultAuthorizer = auth == null ? null : auth.string("DefaultAuthorizer", null);
        if ("AWS_IAM".equals(defaultAuthorizer)) {
            throw UnsupportedTemplateException.property(api.logicalId(), "Auth.DefaultAuthorizer AWS_IAM (IAM authorization)");
        }
        if (defaultAuthorizer != null && !authorizers.containsKey(defaultAuthorizer)) {
            throw new TemplateException(auth.where("DefaultAuthorizer") + " names " + defaultAuthorizer
                    + ", which is not in Auth.Authorizers " + authorizers.keySet());
        }
        boolean defaultKeyRequired = auth != null && auth.bool("ApiKeyRequired", false);
        String restApiId = resources.restApiId(api.logicalId());
        return new Api(api, restApiId, stageName, ApiKeySource.valueOf(keySource),
                routes(api, authorizers, defaultAuthorizer, defaultKeyRequired),
                authorizers, accessLog(p), methodSettings(p), gatewayResponses(p), Map.copyOf(p.stringMap("Variables")));
    }

    private static void checkEndpoint(Props p) {
        Object endpoint = p.get("EndpointConfiguration");
        String type = endpoint instanceof Map<?, ?> m ? String.valueOf(m.get("Type")) : String.valueOf(endpoint);
        if (endpoint != null && !Set.of("REGIONAL", "EDGE").contains(type)) {
            throw UnsupportedTemplateException.property(p.logicalId(), "EndpointConfiguration " + type);
        }
    }

    // ---- authorizers ---------------------------------------------------------------------------------------

    private Map<String, AuthorizerConfig> authorizers(Props auth) {
        Map<String, AuthorizerConfig> out = new LinkedHashMap<>();
        Props all = auth == null ? null : auth.child("Authorizers");
        if (all == null) {
            return out;
        }
        for (Object key : all.keys()) {
            String name = String.valueOf(key);
            Props a = all.child(name);
            if (a.has("UserPoolArn")) {
                throw UnsupportedTemplateException.property(a.logicalId(), a.path("UserPoolArn") + " (Cognito authorizer)");
            }
            a.allowOnly(AUTHORIZER_PROPERTIES);
            String type = a.string("FunctionPayloadType", "TOKEN");
            if (!Set.of("TOKEN", "REQUEST").contains(type)) {
                throw new TemplateException(a.where("FunctionPayloadType") + " must be TOKEN or REQUEST, got '" + type + "'");
            }
            String function = functionForArn(a);
            Props identity = a.child("Identity");
            List<IdentitySource> sources = new ArrayList<>();
            String validation = null;
            int ttl = 300;
            if (identity != null) {
                identity.allowOnly(type.equals("TOKEN") ? Set.of("Header", "ValidationExpression", "ReauthorizeEvery")
                        : Set.of("Headers", "QueryStrings", "StageVariables", "Context", "ReauthorizeEvery",
                                "ValidationExpression"));
                ttl = identity.integer("ReauthorizeEvery", 300);
                if (ttl < 0 || ttl > 3600) {
                    throw new TemplateException(identity.where("ReauthorizeEvery") + " must be 0 to 3600, got " + ttl);
                }
            }
            if (type.equals("TOKEN")) {
                String header = identity == null ? "Authorization" : identity.string("Header", "Authorization");
                sources.add(new IdentitySource(IdentitySource.Kind.HEADER, header));
                validation = identity == null ? null : identity.string("ValidationExpression", null);
                if (validation != null) {
                    try {
                        Pattern.compile(validation);
                    } catch (RuntimeException e) {
                        throw new TemplateException(identity.where("ValidationExpression") + " is not a valid regex: "
                                + e.getMessage());
                    }
                }
            } else if (identity != null) {
                // SAM's order: headers, query strings, stage variables, context
                addSources(sources, identity, "Headers", IdentitySource.Kind.HEADER);
                addSources(sources, identity, "QueryStrings", IdentitySource.Kind.QUERY_STRING);
                addSources(sources, identity, "StageVariables", IdentitySource.Kind.STAGE_VARIABLE);
                addSources(sources, identity, "Context", IdentitySource.Kind.CONTEXT);
                for (IdentitySource source : sources) {
                    if (source.kind() == IdentitySource.Kind.CONTEXT
                            && !IdentitySource.CONTEXT_VARIABLES.contains(source.name())) {
                        throw new UnsupportedTemplateException(identity.where("Context") + " " + source.name()
                                + " is not supported by the local stage; use one of context."
                                + String.join(", context.", IdentitySource.CONTEXT_VARIABLES));
                    }
                }
            }
            if (type.equals("REQUEST") && sources.isEmpty() && ttl != 0) {
                throw new TemplateException(a.where("Identity") + ": a REQUEST authorizer needs at least one identity"
                        + " source unless ReauthorizeEvery is 0");
            }
            String id = resources.ids().lowerId("authorizer:" + name, 6);
            out.put(name, new AuthorizerConfig(name, id, AuthorizerConfig.Type.valueOf(type), function,
                    List.copyOf(sources), validation, ttl));
        }
        return out;
    }

    private static void addSources(List<IdentitySource> sources, Props identity, String key, IdentitySource.Kind kind) {
        for (Object o : identity.list(key)) {
            sources.add(new IdentitySource(kind, IntrinsicResolver.scalarText(o, identity.where(key))));
        }
    }

    /** The authorizer's function: its {@code FunctionArn} must be the ARN of one of the template's functions. */
    private String functionForArn(Props a) {
        String arn = a.string("FunctionArn");
        for (TemplateResources.Resource f : resources.ofType(TemplateResources.FUNCTION)) {
            String functionArn = (String) resources.getAtt(f.logicalId(), "Arn", a.where("FunctionArn"));
            if (functionArn.equals(arn) || resources.functionName(f).equals(arn)) {
                return f.logicalId();
            }
        }
        throw new UnsupportedTemplateException(a.where("FunctionArn") + " is " + arn
                + ", which is not a function of this template; the local stage only runs the template's functions");
    }

    // ---- routes --------------------------------------------------------------------------------------------

    private List<Route> routes(TemplateResources.Resource api, Map<String, AuthorizerConfig> authorizers,
                               String defaultAuthorizer, boolean defaultKeyRequired) {
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (TemplateResources.Resource f : resources.ofType(TemplateResources.FUNCTION)) {
            Props events = resources.props(f).child("Events");
            if (events == null) {
                continue;
            }
            for (Object key : events.keys()) {
                Props event = events.child(String.valueOf(key));
                String type = event.string("Type");
                if (!type.equals("Api")) {
                    throw new UnsupportedTemplateException(event.where("Type") + " " + type
                            + " is not supported by the local stage (only Api events)");
                }
                Props ep = event.child("Properties");
                if (ep == null) {
                    throw new TemplateException(event.where("Properties") + " is required for an Api event");
                }
                ep.allowOnly(EVENT_PROPERTIES);
                checkRestApiId(ep, api);
                String path = ep.string("Path");
                if (!path.startsWith("/")) {
                    throw new TemplateException(ep.where("Path") + " must start with '/', got '" + path + "'");
                }
                checkGreedyVariableLast(ep, path);
                String method = ep.string("Method").toUpperCase(java.util.Locale.ROOT);
                if (!VERBS.contains(method)) {
                    throw new TemplateException(ep.where("Method") + " must be one of " + VERBS + " (any case), got '"
                            + ep.string("Method") + "'");
                }
                String authorizer = defaultAuthorizer;
                boolean keyRequired = defaultKeyRequired;
                Props eventAuth = ep.child("Auth");
                if (eventAuth != null) {
                    // OverrideApiAuth only tells SAM how to edit a DefinitionBody, which is refused
                    eventAuth.allowOnly(Set.of("Authorizer", "ApiKeyRequired", "OverrideApiAuth"));
                    String named = eventAuth.string("Authorizer", null);
                    if ("AWS_IAM".equals(named)) {
                        throw UnsupportedTemplateException.property(f.logicalId(),
                                ep.path("Auth.Authorizer") + " AWS_IAM (IAM authorization)");
                    }
                    if (named != null) {
                        authorizer = "NONE".equals(named) ? null : named;
                    }
                    keyRequired = eventAuth.bool("ApiKeyRequired", keyRequired);
                }
                if (authorizer != null && !authorizers.containsKey(authorizer)) {
                    throw new TemplateException(ep.where("Auth.Authorizer") + " names " + authorizer
                            + ", which is not in " + api.logicalId() + " Auth.Authorizers " + authorizers.keySet());
                }
                int timeout = ep.integer("TimeoutInMillis", Route.DEFAULT_INTEGRATION_TIMEOUT_MILLIS);
                if (timeout < 50 || timeout > Route.DEFAULT_INTEGRATION_TIMEOUT_MILLIS) {
                    throw new TemplateException(ep.where("TimeoutInMillis") + " must be 50 to 29000, got " + timeout);
                }
                if (!seen.add(method + " " + path)) {
                    throw new TemplateException(ep.where("Path") + ": " + method + " " + path
                            + " is declared by more than one event");
                }
                routes.add(new Route(method, path, resources.resourceId(path), authorizer, keyRequired,
                        f.logicalId(), timeout));
            }
        }
        return List.copyOf(routes);
    }

    /** API Gateway's rule: a greedy path variable ({@code {proxy+}}) can only be the last segment of a resource path. */
    private static void checkGreedyVariableLast(Props ep, String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].startsWith("{") && segments[i].endsWith("+}")) {
                throw new TemplateException(ep.where("Path") + ": the greedy path variable " + segments[i]
                        + " must be the last segment, got '" + path + "'");
            }
        }
    }

    private void checkRestApiId(Props ep, TemplateResources.Resource api) {
        Object raw = ep.raw("RestApiId");
        if (raw == null) {
            return; // the implicit ServerlessRestApi, the only API once expand() has checked there is one
        }
        if (raw instanceof Map<?, ?> m && m.get("Ref") instanceof String name && !name.equals(api.logicalId())) {
            throw new UnsupportedTemplateException(ep.where("RestApiId") + " refers to " + name
                    + ", which is not an AWS::Serverless::Api of this template");
        }
        String resolved = ep.string("RestApiId");
        if (!resolved.equals(resources.restApiId(api.logicalId()))) {
            throw new UnsupportedTemplateException(ep.where("RestApiId") + " is " + resolved
                    + ", which is not an AWS::Serverless::Api of this template");
        }
    }

    // ---- stage settings ------------------------------------------------------------------------------------

    private AccessLogConfig accessLog(Props p) {
        Props setting = p.child("AccessLogSetting");
        if (setting == null) {
            return null;
        }
        setting.allowOnly(Set.of("DestinationArn", "Format"));
        String arn = setting.string("DestinationArn");
        Matcher m = LOG_GROUP_ARN.matcher(arn);
        if (!m.matches()) {
            throw new UnsupportedTemplateException(setting.where("DestinationArn") + " is " + arn
                    + "; the local stage only writes access logs to CloudWatch Logs groups");
        }
        String group = m.group(1);
        String format = setting.string("Format");
        if (format.strip().contains("\n") || !format.contains("$context.requestId")) {
            throw new TemplateException(setting.where("Format")
                    + " must be a single line that includes $context.requestId");
        }
        Integer retention = null;
        for (TemplateResources.Resource g : resources.ofType(TemplateResources.LOG_GROUP)) {
            if (resources.logGroupName(g).equals(group)) {
                retention = resources.props(g).integerOrNull("RetentionInDays");
            }
        }
        return new AccessLogConfig(group, format.strip(), retention);
    }

    private static List<MethodSetting> methodSettings(Props p) {
        List<MethodSetting> out = new ArrayList<>();
        List<Object> items = p.list("MethodSettings");
        for (int i = 0; i < items.size(); i++) {
            Props s = new Props(p.logicalId(), "MethodSettings[" + i + "]",
                    TemplateResources.map(items.get(i), p.where("MethodSettings")), null);
            s.allowOnly(METHOD_SETTING_PROPERTIES);
            if (s.bool("CachingEnabled", false)) {
                throw UnsupportedTemplateException.property(p.logicalId(), s.path("CachingEnabled"));
            }
            String level = s.string("LoggingLevel", "OFF");
            if (!Set.of("OFF", "ERROR", "INFO").contains(level)) {
                throw new TemplateException(s.where("LoggingLevel") + " must be OFF, ERROR or INFO, got '" + level + "'");
            }
            out.add(new MethodSetting(s.string("ResourcePath"), s.string("HttpMethod"), level,
                    s.bool("MetricsEnabled", false), s.bool("DataTraceEnabled", false),
                    s.decimalOrNull("ThrottlingRateLimit"), s.integerOrNull("ThrottlingBurstLimit")));
        }
        return List.copyOf(out);
    }

    private Map<String, GatewayResponseConfig> gatewayResponses(Props p) {
        Map<String, GatewayResponseConfig> out = new LinkedHashMap<>();
        Props all = p.child("GatewayResponses");
        if (all != null) {
            for (Object key : all.keys()) {
                String type = String.valueOf(key);
                Props r = all.child(type);
                r.allowOnly(Set.of("StatusCode", "ResponseParameters", "ResponseTemplates"));
                Map<String, String> parameters = new LinkedHashMap<>();
                Props rp = r.child("ResponseParameters");
                if (rp != null) {
                    rp.allowOnly(Set.of("Headers")); // Paths and QueryStrings: a response has neither locally
                    rp.stringMap("Headers").forEach((k, v) -> parameters.put(HEADER_PARAMETER + k,
                            headerMapping(rp.where("Headers") + "." + k, v)));
                }
                put(out, all.where(type), type, r.integerOrNull("StatusCode"), r.stringMap("ResponseTemplates"),
                        parameters);
            }
        }
        for (TemplateResources.Resource g : resources.ofType(TemplateResources.GATEWAY_RESPONSE)) {
            Props r = resources.props(g);
            r.allowOnly(Set.of("RestApiId", "ResponseType", "StatusCode", "ResponseParameters", "ResponseTemplates"));
            if (!r.string("RestApiId").equals(resources.restApiId(p.logicalId()))) {
                throw new UnsupportedTemplateException(r.where("RestApiId")
                        + " is not the template's AWS::Serverless::Api " + p.logicalId());
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            r.stringMap("ResponseParameters").forEach((k, v) -> {
                String where = r.where("ResponseParameters") + "." + k;
                if (k.startsWith("gatewayresponse.path.") || k.startsWith("gatewayresponse.querystring.")) {
                    throw new UnsupportedTemplateException(where + " is not supported by the local stage"
                            + " (gateway responses map headers only)");
                }
                if (!k.startsWith(HEADER_PARAMETER) || k.length() == HEADER_PARAMETER.length()) {
                    throw new TemplateException(where + " must be gatewayresponse.{header|path|querystring}.<name>");
                }
                parameters.put(k, headerMapping(where, v));
            });
            put(out, r.where("ResponseType"), r.string("ResponseType"), r.integerOrNull("StatusCode"),
                    r.stringMap("ResponseTemplates"), parameters);
        }
        return Map.copyOf(out);
    }

    /** A gateway-response header value: {@code 'static'} or {@code method.request.{header|querystring|path}.<name>}. */
    private static String headerMapping(String where, String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("'") && value.endsWith("'");
        boolean fromRequest = Stream.of("header", "querystring", "path").map(s -> "method.request." + s + ".")
                .anyMatch(prefix -> value.startsWith(prefix) && value.length() > prefix.length());
        if (!quoted && !fromRequest) {
            throw new TemplateException(where + ": '" + value
                    + "' must be a quoted static value or method.request.{header|querystring|path}.<name>");
        }
        return value;
    }

    private static void put(Map<String, GatewayResponseConfig> out, String where, String type, Integer status,
                            Map<String, String> templates, Map<String, String> parameters) {
        if (!RESPONSE_TYPES.contains(type)) {
            throw new TemplateException(where + ": " + type + " is not a gateway response type; use one of "
                    + String.join(", ", new TreeSet<>(RESPONSE_TYPES)));
        }
        if (status != null && (status < 100 || status > 599)) {
            throw new TemplateException(where + ": gateway response " + type + " StatusCode must be 100-599, got "
                    + status);
        }
        if (out.put(type, new GatewayResponseConfig(type, status, Map.copyOf(templates), Map.copyOf(parameters))) != null) {
            throw new TemplateException(where + ": gateway response " + type + " is declared twice");
        }
    }
}
