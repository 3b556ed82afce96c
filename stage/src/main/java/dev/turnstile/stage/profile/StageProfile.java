package dev.turnstile.stage.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.stage.io.AtomicFile;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage profile ({@code stage.json}): the one contract between a stage (local or deployed) and every
 * consumer — conformance tests, simulations and reports — with the look-ups they all need. Shape in
 * {@code stage/README.md}; {@code endpoints} is empty for AWS (the SDK default chain applies).
 *
 * <p>Collections are never null: a missing one (older {@code stage.json} files, AWS answers without the field) is
 * empty, so no consumer guards against null. Only {@link #local()} and single values may be null.
 *
 * @param kind        {@code local} or {@code aws}
 * @param region      AWS region
 * @param invokeUrl   e.g. {@code http://127.0.0.1:3000/Prod} (no trailing slash)
 * @param restApiId   RestApi id
 * @param stageName   stage name
 * @param endpoints   service endpoints: {@code dynamodb}, {@code logs}, {@code cloudwatch}, {@code apigateway}, {@code lambda},
 *                    {@code admin}, {@code cloudformation} (local only)
 * @param table       the writer's table name
 * @param logGroups   access, execution and function log groups
 * @param functions   function names by logical id (e.g. {@code WriterFunction} → {@code turnstile-writer})
 * @param routes      every method of the API
 * @param authorizers every authorizer with its identity sources and cache TTL
 * @param usagePlans  plans with throttles, quotas and keys (key values included: handle the file as a secret)
 * @param local       facts only the local stage has (environments pre-warmed, concurrency cap); null for AWS
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageProfile(
        String kind,
        String region,
        String invokeUrl,
        String restApiId,
        String stageName,
        Map<String, String> endpoints,
        String table,
        LogGroups logGroups,
        Map<String, String> functions,
        List<RouteInfo> routes,
        List<AuthorizerInfo> authorizers,
        List<UsagePlanInfo> usagePlans,
        LocalInfo local) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StageProfile {
        endpoints = map(endpoints);
        logGroups = logGroups == null ? new LogGroups(null, null, Map.of()) : logGroups;
        functions = map(functions);
        routes = list(routes);
        authorizers = list(authorizers);
        usagePlans = list(usagePlans);
    }

    /**
     * Log groups of the stage.
     *
     * @param access    the access log group (JSON lines, one per request)
     * @param execution the execution log group
     * @param functions function log groups by logical id (or by function name in hand-written profiles)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LogGroups(String access, String execution, Map<String, String> functions) {
        public LogGroups {
            functions = map(functions);
        }
    }

    /** One method: verb, resource path, authorizer name (null for none), key required. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouteInfo(String method, String path, String authorizer, boolean apiKeyRequired) { }

    /** One authorizer: name, TOKEN/REQUEST, identity source expressions, cache TTL in seconds, function logical id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorizerInfo(String name, String type, List<String> identitySources, int ttlSeconds,
                                 String function) {
        public AuthorizerInfo {
            identitySources = list(identitySources);
        }
    }

    /** Token-bucket settings. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ThrottleInfo(double rateLimit, int burstLimit) { }

    /** Quota settings: requests per period, and the requests the first period starts with already used. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QuotaInfo(long limit, QuotaPeriod period, int offset) { }

    /** One API key; {@code value} is secret: never print it (use {@link #maskedValue()}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiKeyInfo(String id, String name, String value) {
        /** The value as API Gateway masks it (last 4 characters). */
        public String maskedValue() {
            return SecretMask.mask(value);
        }

        @Override
        public String toString() {
            return "ApiKeyInfo[id=" + id + ", name=" + name + ", value=" + maskedValue() + "]";
        }
    }

    /**
     * One usage plan; {@code throttle} and {@code quota} are null when the plan has none.
     *
     * @param methodThrottle per-method throttles keyed {@code /path/VERB}
     * @param apiKeys        the plan's keys, in the order the stage lists them
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UsagePlanInfo(String id, String name, ThrottleInfo throttle, QuotaInfo quota,
                                Map<String, ThrottleInfo> methodThrottle, List<ApiKeyInfo> apiKeys) {
        public UsagePlanInfo {
            methodThrottle = map(methodThrottle);
            apiKeys = list(apiKeys);
        }

        /** The plan's first key; an error naming the plan when it has none. */
        public ApiKeyInfo firstKey() {
            if (apiKeys.isEmpty()) {
                throw new IllegalStateException("usage plan " + name + " has no API key");
            }
            return apiKeys.get(0);
        }

        /** True when {@code keyId} is one of the plan's keys. */
        public boolean hasKey(String keyId) {
            return apiKeys.stream().anyMatch(k -> k.id().equals(keyId));
        }
    }

    /**
     * Local-stage facts.
     *
     * @param dataDir                the data directory
     * @param prewarmedEnvironments  execution environments started at start-up, per function logical id
     * @param concurrencyCap         maximum environments per function (unless reserved concurrency is lower)
     * @param accountThrottle        the emulated account-level throttle
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LocalInfo(String dataDir, Map<String, Integer> prewarmedEnvironments, int concurrencyCap,
                            ThrottleInfo accountThrottle) {
        public LocalInfo {
            prewarmedEnvironments = map(prewarmedEnvironments);
        }
    }

    /** True for the embedded local stage (not a JSON property: {@code local} holds {@link LocalInfo}). */
    @JsonIgnore
    public boolean isLocal() {
        return "local".equals(kind);
    }

    /** An endpoint by service name ({@code dynamodb}, {@code logs}, {@code apigateway}, {@code lambda}, {@code admin}). */
    public Optional<String> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    /** The plan whose name or id matches. */
    public Optional<UsagePlanInfo> usagePlan(String nameOrId) {
        return usagePlans.stream().filter(p -> p.id().equals(nameOrId) || p.name().equals(nameOrId)).findFirst();
    }

    /**
     * The usage plan whose name ends with {@code nameSuffix} ({@code -standard}, {@code -small}: the template names
     * its plans {@code <stack>-standard} and {@code <stack>-small}); an error naming the suffix when none does.
     */
    public UsagePlanInfo plan(String nameSuffix) {
        return usagePlans.stream().filter(p -> p.name() != null && p.name().endsWith(nameSuffix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no usage plan named *" + nameSuffix + " in the profile"
                        + " (plans: " + usagePlans.stream().map(UsagePlanInfo::name).toList() + ")"));
    }

    /** The first key of the plan named {@code *nameSuffix}. */
    public ApiKeyInfo key(String nameSuffix) {
        return plan(nameSuffix).firstKey();
    }

    /** The plan that holds the key {@code keyId}, if any. */
    public Optional<UsagePlanInfo> planOfKey(String keyId) {
        return usagePlans.stream().filter(p -> p.hasKey(keyId)).findFirst();
    }

    /** The function name of a logical id (e.g. {@code WriterFunction}); an error naming it when the stage has none. */
    public String functionName(String logicalId) {
        String name = functions.get(logicalId);
        if (name == null) {
            throw new IllegalStateException("stage profile names no function " + logicalId + " (functions: "
                    + functions.keySet() + ")");
        }
        return name;
    }

    /**
     * The log group of a function by logical id: the profile's entry by logical id or by function name, else Lambda's
     * default {@code /aws/lambda/<name>}; an error when the profile knows neither.
     */
    public String functionLogGroup(String logicalId) {
        Map<String, String> groups = logGroups.functions();
        if (groups.containsKey(logicalId)) {
            return groups.get(logicalId);
        }
        String name = functions.get(logicalId);
        if (name == null) {
            throw new IllegalStateException("stage profile names no function or log group for " + logicalId
                    + " (functions: " + functions + ", log groups: " + groups + ")");
        }
        return groups.getOrDefault(name, "/aws/lambda/" + name);
    }

    /** The longest authorizer cache TTL in seconds (0 without authorizers). */
    public int maxAuthorizerTtlSeconds() {
        return authorizers.stream().mapToInt(AuthorizerInfo::ttlSeconds).max().orElse(0);
    }

    /** The route {@code method path} (method in any case), if the API has it. */
    public Optional<RouteInfo> route(String method, String path) {
        return routes.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).findFirst();
    }

    /** Reads a profile file; a missing or malformed file is one clear error naming the path. */
    public static StageProfile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("stage profile not found: " + file.toAbsolutePath());
        }
        try {
            return JSON.readValue(file.toFile(), StageProfile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("stage profile " + file.toAbsolutePath() + " is not valid: "
                    + e.getMessage(), e);
        }
    }

    /** Writes the profile whole or not at all ({@link AtomicFile}), readable by its owner only: it holds keys. */
    public void write(Path file) {
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stage profile " + file, e);
        }
    }

    /** The profile as JSON text (includes key values: treat as a secret). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stage for people: {@code local stage http://127.0.0.1:3000/Prod}. */
    public String describe() {
        return kind + " stage " + invokeUrl;
    }

    @Override
    public String toString() {
        return "StageProfile[kind=" + kind + ", invokeUrl=" + invokeUrl + ", restApiId=" + restApiId + "]";
    }

    /** An unmodifiable copy keeping the order (JSON output and iteration stay as written); null → empty. */
    private static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An unmodifiable copy; null → empty. */
    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
