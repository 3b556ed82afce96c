package dev.turnstile.functions.template;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Checks a SAM template against the function jar and the template contract: every handler exists in the jar,
 * every Api route has an authorizer and requires an API key (after the Api's defaults), and every contract
 * output is declared. Returns the violations, each one line; an empty list means the template is fine.
 */
public final class TemplateChecker {

    /** The outputs stack discovery reads (sam/template.yaml contract). */
    public static final List<String> CONTRACT_OUTPUTS = List.of("InvokeUrl", "RestApiId", "StageName",
            "TableName", "AccessLogGroupName", "ExecutionLogGroupName", "StandardUsagePlanId", "StandardApiKeyId",
            "SmallUsagePlanId", "SmallApiKeyId", "WriterFunctionName", "TokenAuthorizerFunctionName",
            "RequestAuthorizerFunctionName");

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String API = "AWS::Serverless::Api";
    // the API SAM creates for Api events without RestApiId
    private static final String IMPLICIT_API = "ServerlessRestApi";

    private final Path jar;
    private final List<String> requiredOutputs;

    /** A checker of templates whose functions are in {@code jar}. */
    public TemplateChecker(Path jar, List<String> requiredOutputs) {
        this.jar = jar.toAbsolutePath().normalize();
        this.requiredOutputs = requiredOutputs;
    }

    /** The violations of the template at {@code templateFile}. */
    public List<String> check(Path templateFile) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("function jar " + jar + " does not exist; run mvn package first");
        }
        Map<String, Object> template = CloudFormationYaml.load(templateFile);
        Map<String, Object> resources = map(template.get("Resources"));
        Map<String, Object> functionGlobals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> apiGlobals = map(map(template.get("Globals")).get("Api"));
        List<String> violations = new ArrayList<>();
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (Map.Entry<String, Object> resource : resources.entrySet()) {
                Map<String, Object> definition = map(resource.getValue());
                if (!FUNCTION.equals(definition.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = map(definition.get("Properties"));
                checkCode(resource.getKey(), properties, functionGlobals, templateFile, violations);
                checkHandler(resource.getKey(), properties, functionGlobals, classes, violations);
                checkRoutes(resource.getKey(), properties, resources, apiGlobals, violations);
            }
        }
        Map<String, Object> outputs = map(template.get("Outputs"));
        for (String output : requiredOutputs) {
            if (!outputs.containsKey(output)) {
                violations.add("output " + output + " is missing");
            }
        }
        return violations;
    }

    private void checkCode(String function, Map<String, Object> properties, Map<String, Object> globals,
                           Path templateFile, List<String> violations) {
        Object codeUri = properties.containsKey("CodeUri") ? properties.get("CodeUri") : globals.get("CodeUri");
        if (!(codeUri instanceof String)) {
            violations.add(function + ": CodeUri " + codeUri + " is not a path to " + jar.getFileName());
            return;
        }
        Path code = templateFile.toAbsolutePath().getParent().resolve((String) codeUri).normalize();
        if (!code.equals(jar)) {
            violations.add(function + ": CodeUri " + codeUri + " is " + code + ", not the function jar " + jar);
        }
    }

    private static void checkHandler(String function, Map<String, Object> properties, Map<String, Object> globals,
                                     ClassLoader classes, List<String> violations) {
        Object handler = properties.containsKey("Handler") ? properties.get("Handler") : globals.get("Handler");
        if (!(handler instanceof String) || !((String) handler).contains("::")) {
            violations.add(function + ": Handler " + handler + " is not of the form class::method");
            return;
        }
        String[] parts = ((String) handler).split("::", 2);
        Class<?> type;
        try {
            type = Class.forName(parts[0], false, classes);
        } catch (ClassNotFoundException | LinkageError e) {
            violations.add(function + ": handler class " + parts[0] + " is not in the function jar");
            return;
        }
        boolean hasMethod = Arrays.stream(type.getMethods())
                .map(Method::getName)
                .anyMatch(parts[1]::equals);
        if (!hasMethod) {
            violations.add(function + ": handler class " + parts[0] + " has no public method " + parts[1]);
        }
        boolean instantiable = !Modifier.isAbstract(type.getModifiers()) && Arrays.stream(type.getConstructors())
                .anyMatch(constructor -> constructor.getParameterCount() == 0);
        if (!instantiable) {
            violations.add(function + ": handler class " + parts[0] + " has no public no-argument constructor");
        }
    }

    private static void checkRoutes(String function, Map<String, Object> properties, Map<String, Object> resources,
                                    Map<String, Object> apiGlobals, List<String> violations) {
        for (Map.Entry<String, Object> event : map(properties.get("Events")).entrySet()) {
            Map<String, Object> definition = map(event.getValue());
            if (!"Api".equals(definition.get("Type"))) {
                continue;
            }
            Map<String, Object> route = map(definition.get("Properties"));
            String name = String.valueOf(route.get("Method")).toUpperCase(java.util.Locale.ROOT) + " "
                    + route.get("Path") + " (" + function + "." + event.getKey() + ")";
            String apiId = apiLogicalId(route.get("RestApiId"));
            Map<String, Object> apiAuth;
            if (apiId == null) {
                apiAuth = map(apiGlobals.get("Auth"));
                apiId = IMPLICIT_API;
            } else if (API.equals(map(resources.get(apiId)).get("Type"))) {
                apiAuth = map(map(map(resources.get(apiId)).get("Properties")).get("Auth"));
            } else {
                violations.add("route " + name + " names RestApiId " + route.get("RestApiId")
                        + ", which is not an AWS::Serverless::Api of this template");
                continue;
            }
            Map<String, Object> routeAuth = map(route.get("Auth"));
            Object authorizer = routeAuth.containsKey("Authorizer")
                    ? routeAuth.get("Authorizer") : apiAuth.get("DefaultAuthorizer");
            if (authorizer == null || "NONE".equals(authorizer) || "AWS_IAM".equals(authorizer)) {
                violations.add("route " + name + " has no Lambda authorizer");
            } else if (!map(apiAuth.get("Authorizers")).containsKey(String.valueOf(authorizer))) {
                violations.add("route " + name + " names authorizer " + authorizer + ", which " + apiId
                        + " does not define");
            }
            Object apiKeyRequired = routeAuth.containsKey("ApiKeyRequired")
                    ? routeAuth.get("ApiKeyRequired") : apiAuth.get("ApiKeyRequired");
            if (!Boolean.TRUE.equals(apiKeyRequired)) {
                violations.add("route " + name + " does not require an API key");
            }
        }
    }

    private static String apiLogicalId(Object restApiId) {
        if (restApiId == null) {
            return null;
        }
        Object ref = map(restApiId).get("Ref");
        return ref instanceof String ? (String) ref : String.valueOf(restApiId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
    }
}
