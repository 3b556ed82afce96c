package dev.turnstile.localstage.gateway.metrics;

import dev.turnstile.localstage.cloudwatch.MetricDatum;
import dev.turnstile.localstage.cloudwatch.MetricKey;
import dev.turnstile.localstage.cloudwatch.MetricSink;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics finalizer: publishes each finished request's {@code AWS/ApiGateway} metrics as API Gateway does
 * (docs/aws-behaviour.md §8.4) — {@code Count} 1, {@code 4XXError} and {@code 5XXError} 0 or 1 by the status the client
 * got (gateway responses included, 429s among them), {@code Latency} (arrival to response) and, when the integration
 * was called, {@code IntegrationLatency}, all in milliseconds — under the dimensions {@code ApiName} and
 * {@code ApiName, Stage}, and also {@code ApiName, Method, Resource, Stage} for methods whose method settings turn on
 * detailed metrics ({@code MetricsEnabled}). Stamped with the request's arrival on the stage clock, the
 * {@code $context.requestTimeEpoch} its access-log line carries.
 */
public final class ApiGatewayMetricsWriter implements GatewayStep {

    /** The namespace of API Gateway's metrics. */
    public static final String NAMESPACE = "AWS/ApiGateway";

    /** The metrics of one dimension set, by name. */
    private static Map<String, MetricKey> keys(Map<String, String> dimensions) {
        return MetricKey.family(NAMESPACE, dimensions, "Count", "4XXError", "5XXError", "Latency", "IntegrationLatency");
    }

    private final MetricSink sink;
    private final List<Map<String, MetricKey>> stageKeys;
    /** Per method with detailed metrics on. */
    private final Map<Route, Map<String, MetricKey>> methodKeys = new HashMap<>();

    /**
     * @param apiName the RestApi's name ({@link StageModel#restApiName()}); API Gateway drops its non-ASCII characters
     *                and uses the API id when none are left
     */
    public ApiGatewayMetricsWriter(MetricSink sink, StageModel model, String apiName) {
        this.sink = sink;
        String name = dimensionName(apiName, model.restApiId());
        this.stageKeys = List.of(keys(Map.of("ApiName", name)),
                keys(Map.of("ApiName", name, "Stage", model.stageName())));
        for (Route route : model.routes()) {
            boolean detailed = model.methodSetting(route.resourcePath(), route.httpMethod())
                    .map(MethodSetting::metricsEnabled).orElse(false);
            if (detailed) {
                methodKeys.put(route, keys(Map.of("ApiName", name, "Stage", model.stageName(),
                        "Resource", route.resourcePath(), "Method", route.httpMethod())));
            }
        }
    }

    /** The {@code ApiName} dimension of an API: its name without non-ASCII characters, or the id if nothing is left. */
    public static String dimensionName(String apiName, String restApiId) {
        String ascii = apiName == null ? "" : apiName.replaceAll("[^\\x00-\\x7F]", "");
        return ascii.isEmpty() ? restApiId : ascii;
    }

    @Override
    public void apply(InvocationContext ctx) {
        int status = ctx.response().status();
        Long integration = ctx.integration() == null ? null : ctx.integration().latencyMillis();
        List<MetricDatum> data = new ArrayList<>(15);
        for (Map<String, MetricKey> keys : stageKeys) {
            add(data, keys, status, ctx.responseLatencyMillis(), integration);
        }
        Map<String, MetricKey> method = ctx.route() == null ? null : methodKeys.get(ctx.route());
        if (method != null) {
            add(data, method, status, ctx.responseLatencyMillis(), integration);
        }
        sink.record(ctx.requestTimeEpoch(), data);
    }

    private static void add(List<MetricDatum> data, Map<String, MetricKey> keys, int status, long latency,
                            Long integrationLatency) {
        data.add(new MetricDatum(keys.get("Count"), MetricDatum.COUNT, 1));
        data.add(new MetricDatum(keys.get("4XXError"), MetricDatum.COUNT, status >= 400 && status < 500 ? 1 : 0));
        data.add(new MetricDatum(keys.get("5XXError"), MetricDatum.COUNT, status >= 500 && status < 600 ? 1 : 0));
        data.add(new MetricDatum(keys.get("Latency"), MetricDatum.MILLISECONDS, latency));
        if (integrationLatency != null) {
            data.add(new MetricDatum(keys.get("IntegrationLatency"), MetricDatum.MILLISECONDS, integrationLatency));
        }
    }
}
