package dev.turnstile.localstage.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.usageplan.ApiKeyView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API Gateway REST-JSON protocol (member names as in the service model; timestamps in
 * epoch seconds, as the SDK reads them).
 */
final class ControlPlaneShapes {

    private final ObjectMapper json;

    ControlPlaneShapes(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode restApi(StageModel model, String name, Instant createdDate) {
        ObjectNode n = json.createObjectNode();
        n.put("id", model.restApiId());
        n.put("name", name);
        n.put("createdDate", seconds(createdDate));
        n.put("apiKeySource", model.apiKeySource().name());
        n.putObject("endpointConfiguration").putArray("types").add("EDGE");
        n.put("disableExecuteApiEndpoint", false);
        return n;
    }

    ObjectNode stage(StageModel model, String deploymentId, Instant createdDate, Throttle account) {
        ObjectNode n = json.createObjectNode();
        n.put("deploymentId", deploymentId);
        n.put("stageName", model.stageName());
        n.put("cacheClusterEnabled", false);
        n.put("cacheClusterStatus", "NOT_AVAILABLE");
        ObjectNode settings = n.putObject("methodSettings");
        for (MethodSetting s : model.methodSettings()) {
            settings.set(methodSettingKey(s), methodSetting(s, account));
        }
        if (model.accessLog() != null) {
            ObjectNode log = n.putObject("accessLogSettings");
            log.put("format", model.accessLog().format());
            log.put("destinationArn", "arn:aws:logs:" + model.region() + ":" + model.accountId() + ":log-group:"
                    + model.accessLog().logGroupName());
        }
        ObjectNode variables = n.putObject("variables");
        model.stageVariables().forEach(variables::put);
        n.put("tracingEnabled", false);
        n.put("createdDate", seconds(createdDate));
        n.put("lastUpdatedDate", seconds(createdDate));
        return n;
    }

    /**
     * The stage's {@code methodSettings} map key: {@code * /*} for the default, else the resource path without
     * its leading slash (inner slashes escaped as {@code ~1}, INFERRED from UpdateStage patch paths) and the verb.
     */
    static String methodSettingKey(MethodSetting s) {
        if ("/*".equals(s.resourcePath()) && "*".equals(s.httpMethod())) {
            return "*/*";
        }
        String path = s.resourcePath().startsWith("/") ? s.resourcePath().substring(1) : s.resourcePath();
        return path.replace("/", "~1") + "/" + s.httpMethod();
    }

    private ObjectNode methodSetting(MethodSetting s, Throttle account) {
        ObjectNode n = json.createObjectNode();
        n.put("metricsEnabled", s.metricsEnabled());
        n.put("loggingLevel", s.loggingLevel());
        n.put("dataTraceEnabled", s.dataTraceEnabled());
        // AWS reports the account defaults when a method setting leaves throttling unset
        n.put("throttlingBurstLimit", s.throttlingBurstLimit() != null ? s.throttlingBurstLimit() : account.burstLimit());
        n.put("throttlingRateLimit", s.throttlingRateLimit() != null ? s.throttlingRateLimit() : account.rateLimit());
        n.put("cachingEnabled", false);
        n.put("cacheTtlInSeconds", 300);
        n.put("cacheDataEncrypted", false);
        n.put("requireAuthorizationForCacheControl", true);
        n.put("unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER");
        return n;
    }

    ObjectNode apiKey(ApiKeyView key, boolean includeValue) {
        ObjectNode n = json.createObjectNode();
        n.put("id", key.id());
        if (includeValue) {
            n.put("value", key.value());
        }
        n.put("name", key.name());
        if (key.description() != null) {
            n.put("description", key.description());
        }
        n.put("enabled", key.enabled());
        n.put("createdDate", seconds(key.createdDate()));
        n.put("lastUpdatedDate", seconds(key.lastUpdatedDate()));
        n.putArray("stageKeys");
        return n;
    }

    ObjectNode usagePlan(StageModel model, UsagePlanConfig plan) {
        ObjectNode n = json.createObjectNode();
        n.put("id", plan.id());
        n.put("name", plan.name());
        ObjectNode stage = n.putArray("apiStages").addObject();
        stage.put("apiId", model.restApiId());
        stage.put("stage", model.stageName());
        if (!plan.methodThrottle().isEmpty()) {
            ObjectNode perMethod = stage.putObject("throttle");
            plan.methodThrottle().forEach((k, t) -> perMethod.set(k, throttle(t)));
        }
        if (plan.throttle() != null) {
            n.set("throttle", throttle(plan.throttle()));
        }
        if (plan.quota() != null) {
            ObjectNode q = n.putObject("quota");
            q.put("limit", plan.quota().limit());
            q.put("offset", plan.quota().offset());
            q.put("period", plan.quota().period().name());
        }
        return n;
    }

    private ObjectNode throttle(Throttle t) {
        ObjectNode n = json.createObjectNode();
        n.put("burstLimit", t.burstLimit());
        n.put("rateLimit", t.rateLimit());
        return n;
    }

    ObjectNode usagePlanKey(ApiKeyView key) {
        ObjectNode n = json.createObjectNode();
        n.put("id", key.id());
        n.put("type", "API_KEY");
        n.put("value", key.value());
        n.put("name", key.name());
        return n;
    }

    /** The {@code Usage} shape; the SDK's {@code items} member is named {@code values} on the wire. */
    ObjectNode usage(String planId, String startDate, String endDate, Map<String, List<long[]>> items) {
        ObjectNode n = json.createObjectNode();
        n.put("usagePlanId", planId);
        n.put("startDate", startDate);
        n.put("endDate", endDate);
        ObjectNode values = n.putObject("values");
        items.forEach((keyId, days) -> {
            ArrayNode list = values.putArray(keyId);
            for (long[] day : days) {
                list.addArray().add(day[0]).add(day[1]);
            }
        });
        return n;
    }

    ObjectNode page(List<ObjectNode> all, Paging paging) {
        ObjectNode n = json.createObjectNode();
        ArrayNode items = n.putArray("item");
        int end = Math.min(all.size(), paging.start() + paging.limit());
        for (int i = paging.start(); i < end; i++) {
            items.add(all.get(i));
        }
        if (end < all.size()) {
            n.put("position", Integer.toString(end));
        }
        return n;
    }

    private static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }

    /**
     * A list request's {@code position} and {@code limit}.
     *
     * @param start index of the first item
     * @param limit items per page (AWS: 1–500, default 25)
     */
    record Paging(int start, int limit) {

        static Paging of(String position, String limit) {
            int start = 0;
            if (position != null && !position.isEmpty()) {
                try {
                    start = Integer.parseInt(position);
                } catch (NumberFormatException e) {
                    throw ControlPlaneException.badRequest("Invalid position parameter: " + position);
                }
                if (start < 0) {
                    throw ControlPlaneException.badRequest("Invalid position parameter: " + position);
                }
            }
            int size = 25;
            if (limit != null && !limit.isEmpty()) {
                try {
                    size = Integer.parseInt(limit);
                } catch (NumberFormatException e) {
                    throw ControlPlaneException.badRequest("Invalid limit parameter: " + limit);
                }
                if (size < 1 || size > 500) {
                    throw ControlPlaneException.badRequest("1 validation error detected: Value '" + limit
                            + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 500");
                }
            }
            return new Paging(start, size);
        }
    }
}
