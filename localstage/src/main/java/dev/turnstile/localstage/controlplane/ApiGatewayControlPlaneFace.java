package dev.turnstile.localstage.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.ApiKeyChanges;
import dev.turnstile.localstage.usageplan.ApiKeyView;
import dev.turnstile.localstage.usageplan.UsagePlanService;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The part of the API Gateway control plane the suite needs, served as REST-JSON exactly as the AWS SDK v2
 * {@code ApiGatewayClient} expects: GetRestApis, GetStages, GetStage, GetResources, GetAuthorizers (the reads of
 * stack discovery, shapes in {@link RestApiShapes}), GetApiKeys, GetApiKey, UpdateApiKey, GetUsagePlans, GetUsagePlan,
 * GetUsagePlanKeys, GetUsage and UpdateUsage. An operation in {@code --deny} is 403 {@code AccessDeniedException}
 * ({@link DeniedOperations}). Requests for any other path or verb are not this face's ({@code handle} returns false).
 * Signatures are not checked.
 */
public final class ApiGatewayControlPlaneFace extends Handler.Abstract {

    private final UsagePlanService service;
    private final StageModel model;
    private final StageClock clock;
    private final String apiName;
    private final String deploymentId;
    private final Instant createdDate;
    private final Throttle accountThrottle;
    private final ObjectMapper json = new ObjectMapper();
    private final ControlPlaneShapes shapes = new ControlPlaneShapes(json);
    private final RestApiShapes restApi;
    private final DeniedOperations denied;

    /**
     * @param service         the usage-plan service (keys, plans, usage)
     * @param clock           the stage clock (the current quota period for UpdateUsage)
     * @param apiName         the RestApi name reported by GetRestApis
     * @param deploymentId    the stage's deployment id reported by GetStages
     * @param createdDate     creation date of the RestApi and stage
     * @param accountThrottle the account throttle, reported for method settings that leave throttling unset
     */
    public ApiGatewayControlPlaneFace(UsagePlanService service, StageClock clock, String apiName,
                                         String deploymentId, Instant createdDate, Throttle accountThrottle) {
        this(service, clock, apiName, deploymentId, createdDate, accountThrottle, DeniedOperations.none());
    }

    /** As above, answering the operations in {@code denied} with {@code AccessDeniedException}. */
    public ApiGatewayControlPlaneFace(UsagePlanService service, StageClock clock, String apiName,
                                         String deploymentId, Instant createdDate, Throttle accountThrottle,
                                         DeniedOperations denied) {
        this.service = Objects.requireNonNull(service, "service");
        this.model = service.model();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.apiName = Objects.requireNonNull(apiName, "apiName");
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.createdDate = Objects.requireNonNull(createdDate, "createdDate");
        this.accountThrottle = Objects.requireNonNull(accountThrottle, "accountThrottle");
        this.denied = Objects.requireNonNull(denied, "denied");
        this.restApi = new RestApiShapes(json, model);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String[] p = segments(Request.getPathInContext(request));
        String method = request.getMethod();
        Named op = route(method, p);
        if (op == null) {
            return false;
        }
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        String body = "PATCH".equals(method) ? Content.Source.asString(request, StandardCharsets.UTF_8) : null;
        int status = 200;
        String errorType = null;
        ObjectNode out;
        try {
            if (denied.denies(op.name())) {
                throw new ControlPlaneException(403, "AccessDeniedException", DeniedOperations.message(
                        "apigateway:" + method, "arn:aws:apigateway:" + model.region() + "::"
                                + Request.getPathInContext(request)));
            }
            out = op.operation().run(p, query, body);
        } catch (ControlPlaneException e) {
            status = e.status();
            errorType = e.errorType();
            out = json.createObjectNode().put("message", e.getMessage());
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
        }
        response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(out)), callback);
        return true;
    }

    /** One control-plane operation on the path segments, query and body of a request. */
    @FunctionalInterface
    private interface Operation {
        ObjectNode run(String[] segments, Fields query, String body);
    }

    /** An operation with its AWS name (what {@code --deny} names). */
    private record Named(String name, Operation operation) { }

    private static Named op(String name, Operation operation) {
        return new Named(name, operation);
    }

    private Named route(String method, String[] p) {
        if (p.length == 0) {
            return null;
        }
        boolean get = "GET".equals(method);
        boolean patch = "PATCH".equals(method);
        return switch (p[0]) {
            case "restapis" -> {
                if (get && p.length == 1) {
                    yield op("GetRestApis", (s, q, b) -> getRestApis(q));
                }
                if (get && p.length == 3 && "stages".equals(p[2])) {
                    yield op("GetStages", (s, q, b) -> getStages(s[1]));
                }
                if (get && p.length == 4 && "stages".equals(p[2])) {
                    yield op("GetStage", (s, q, b) -> getStage(s[1], s[3]));
                }
                if (get && p.length == 3 && "resources".equals(p[2])) {
                    yield op("GetResources", (s, q, b) -> getResources(s[1], q));
                }
                yield get && p.length == 3 && "authorizers".equals(p[2])
                        ? op("GetAuthorizers", (s, q, b) -> getAuthorizers(s[1], q)) : null;
            }
            case "apikeys" -> {
                if (get && p.length == 1) {
                    yield op("GetApiKeys", (s, q, b) -> getApiKeys(q));
                }
                if (p.length == 2) {
                    yield get ? op("GetApiKey", (s, q, b) -> getApiKey(s[1], q))
                            : patch ? op("UpdateApiKey", (s, q, b) -> updateApiKey(s[1], b)) : null;
                }
                yield null;
            }
            case "usageplans" -> {
                if (get && p.length == 1) {
                    yield op("GetUsagePlans", (s, q, b) -> getUsagePlans(q));
                }
                if (get && p.length == 2) {
                    yield op("GetUsagePlan", (s, q, b) -> shapes.usagePlan(model, plan(s[1])));
                }
                if (get && p.length == 3 && "keys".equals(p[2])) {
                    yield op("GetUsagePlanKeys", (s, q, b) -> getUsagePlanKeys(s[1], q));
                }
                if (get && p.length == 3 && "usage".equals(p[2])) {
                    yield op("GetUsage", (s, q, b) -> getUsage(s[1], q));
                }
                yield patch && p.length == 5 && "keys".equals(p[2]) && "usage".equals(p[4])
                        ? op("UpdateUsage", (s, q, b) -> updateUsage(s[1], s[3], b)) : null;
            }
            default -> null;
        };
    }

    // ---- operations ----------------------------------------------------------------------------------------

    private ObjectNode getRestApis(Fields q) {
        return shapes.page(List.of(shapes.restApi(model, apiName, createdDate)), paging(q));
    }

    private ObjectNode getStages(String restApiId) {
        restApi(restApiId);
        ObjectNode out = json.createObjectNode();
        out.putArray("item").add(shapes.stage(model, deploymentId, createdDate, accountThrottle));
        return out;
    }

    private ObjectNode getStage(String restApiId, String stageName) {
        restApi(restApiId);
        if (!model.stageName().equals(stageName)) {
            throw ControlPlaneException.notFound("Invalid stage identifier specified");
        }
        return shapes.stage(model, deploymentId, createdDate, accountThrottle);
    }

    private ObjectNode getResources(String restApiId, Fields q) {
        restApi(restApiId);
        String embed = q.getValue("embed");
        if (embed != null && !embed.isEmpty() && !"methods".equals(embed)) {
            throw ControlPlaneException.badRequest("Invalid embed parameter value: " + embed
                    + ". Only 'methods' is supported");
        }
        return shapes.page(restApi.resources("methods".equals(embed)), paging(q));
    }

    private ObjectNode getAuthorizers(String restApiId, Fields q) {
        restApi(restApiId);
        return shapes.page(restApi.authorizers(), paging(q));
    }

    private ObjectNode getApiKeys(Fields q) {
        boolean includeValues = "true".equalsIgnoreCase(q.getValue("includeValues"));
        String nameQuery = q.getValue("name");
        List<ObjectNode> items = new ArrayList<>();
        for (ApiKeyView key : service.apiKeys()) {
            // AWS matches nameQuery as a name prefix
            if (nameQuery == null || key.name().startsWith(nameQuery)) {
                items.add(shapes.apiKey(key, includeValues));
            }
        }
        return shapes.page(items, paging(q));
    }

    private ObjectNode getApiKey(String keyId, Fields q) {
        boolean includeValue = "true".equalsIgnoreCase(q.getValue("includeValue"));
        return shapes.apiKey(key(keyId), includeValue);
    }

    private ObjectNode updateApiKey(String keyId, String body) {
        key(keyId);
        ApiKeyChanges changes = ApiKeyChanges.none();
        for (PatchOperation op : PatchOperation.parse(json, body)) {
            if (!"replace".equals(op.op())) {
                throw ControlPlaneException.badRequest("Invalid patch operation specified. Must be 'replace' for path "
                        + op.path() + ", got '" + op.op() + "'");
            }
            changes = switch (op.path()) {
                case "/enabled" -> changes.withEnabled(booleanValue(op));
                case "/name" -> changes.withName(requiredValue(op));
                case "/description" -> changes.withDescription(op.value() == null ? "" : op.value());
                default -> throw ControlPlaneException.badRequest("Invalid patch path '" + op.path()
                        + "' specified for op 'replace'. Must be one of: [/description, /enabled, /name]");
            };
        }
        return shapes.apiKey(service.updateApiKey(keyId, changes).orElseThrow(() -> invalidKey()), false);
    }

    private ObjectNode getUsagePlans(Fields q) {
        String keyId = q.getValue("keyId");
        List<ObjectNode> items = new ArrayList<>();
        for (UsagePlanConfig plan : service.usagePlans()) {
            if (keyId == null || plan.apiKeyIds().contains(keyId)) {
                items.add(shapes.usagePlan(model, plan));
            }
        }
        return shapes.page(items, paging(q));
    }

    private ObjectNode getUsagePlanKeys(String planId, Fields q) {
        String nameQuery = q.getValue("name");
        List<ObjectNode> items = new ArrayList<>();
        for (String keyId : plan(planId).apiKeyIds()) {
            ApiKeyView key = key(keyId);
            if (nameQuery == null || key.name().startsWith(nameQuery)) {
                items.add(shapes.usagePlanKey(key));
            }
        }
        return shapes.page(items, paging(q));
    }

    private ObjectNode getUsage(String planId, Fields q) {
        plan(planId);
        String keyId = q.getValue("keyId");
        if (keyId != null && !service.planHasKey(planId, keyId)) {
            throw invalidKey();
        }
        String start = q.getValue("startDate");
        String end = q.getValue("endDate");
        LocalDate from = date("startDate", start);
        LocalDate to = date("endDate", end);
        if (to.isBefore(from)) {
            throw ControlPlaneException.badRequest("The end date must be on or after the start date");
        }
        return shapes.usage(planId, start, end, service.usage(planId, keyId, from, to));
    }

    private ObjectNode updateUsage(String planId, String keyId, String body) {
        UsagePlanConfig plan = plan(planId);
        if (!service.planHasKey(planId, keyId)) {
            throw invalidKey();
        }
        if (plan.quota() == null) {
            throw ControlPlaneException.badRequest("Usage plan " + planId + " has no quota");
        }
        long[] today = null;
        for (PatchOperation op : PatchOperation.parse(json, body)) {
            if (!"replace".equals(op.op()) || !"/remaining".equals(op.path())) {
                throw ControlPlaneException.badRequest("Invalid patch operation specified. Must be 'replace' on path"
                        + " '/remaining', got '" + op.op() + "' on '" + op.path() + "'");
            }
            long remaining;
            try {
                remaining = Long.parseLong(requiredValue(op));
            } catch (NumberFormatException e) {
                throw ControlPlaneException.badRequest("Invalid value for /remaining: " + op.value());
            }
            if (remaining < 0) {
                throw ControlPlaneException.badRequest("Invalid value for /remaining: " + op.value());
            }
            today = service.updateRemaining(planId, keyId, remaining);
        }
        String day = QuotaPeriod.utcDate(clock.millis()).toString();
        return shapes.usage(planId, day, day, Map.of(keyId, List.of(today)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void restApi(String restApiId) {
        if (!model.restApiId().equals(restApiId)) {
            throw ControlPlaneException.notFound("Invalid API identifier specified " + model.accountId() + ":" + restApiId);
        }
    }

    private ApiKeyView key(String keyId) {
        return service.apiKey(keyId).orElseThrow(ApiGatewayControlPlaneFace::invalidKey);
    }

    private UsagePlanConfig plan(String planId) {
        return service.usagePlan(planId)
                .orElseThrow(() -> ControlPlaneException.notFound("Invalid Usage Plan ID specified"));
    }

    private static ControlPlaneException invalidKey() {
        return ControlPlaneException.notFound("Invalid API Key identifier specified");
    }

    private static ControlPlaneShapes.Paging paging(Fields q) {
        return ControlPlaneShapes.Paging.of(q.getValue("position"), q.getValue("limit"));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ControlPlaneException.badRequest("The " + name + " parameter is required (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ControlPlaneException.badRequest("Invalid " + name + " '" + value + "': expected yyyy-MM-dd");
        }
    }

    private static String requiredValue(PatchOperation op) {
        if (op.value() == null) {
            throw ControlPlaneException.badRequest("A value is required for path " + op.path());
        }
        return op.value();
    }

    private static boolean booleanValue(PatchOperation op) {
        String v = requiredValue(op);
        if ("true".equalsIgnoreCase(v)) {
            return true;
        }
        if ("false".equalsIgnoreCase(v)) {
            return false;
        }
        throw ControlPlaneException.badRequest("Invalid value for /enabled: '" + v + "' (expected true or false)");
    }

    private static String[] segments(String path) {
        if (path == null) {
            return new String[0];
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
