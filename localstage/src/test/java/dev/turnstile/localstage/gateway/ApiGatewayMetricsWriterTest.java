package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.cloudwatch.MetricDatum;
import dev.turnstile.localstage.gateway.metrics.ApiGatewayMetricsWriter;
import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metrics finalizer publishes each request's AWS/ApiGateway values as API Gateway does (docs/aws-behaviour.md
 * §8.4): stage-level always, method-level where MetricsEnabled; 4xx gateway responses, 429s included, in 4XXError;
 * IntegrationLatency only when the integration was called; stamped with the arrival on the stage clock.
 */
class ApiGatewayMetricsWriterTest {

    private static final String API = Fixture.API + "-Prod";
    private final Fixture f = new Fixture();

    @Test
    void anAcceptedRequestCountsOnceWithItsLatencies() {
        f.invoker.answerAsync("Writer", e -> {
            f.clock.advance(Duration.ofMillis(7)); // the function takes 7 ms of stage time
            return java.util.concurrent.CompletableFuture.completedFuture(
                    Doubles.success("{\"statusCode\":201,\"body\":\"{}\"}"));
        });
        long arrival = f.clock.millis();

        assertThat(f.postItem().status()).isEqualTo(201);

        MemoryMetricSink.Recorded recorded = f.metrics.recorded().get(0);
        assertThat(recorded.timestampMillis()).isEqualTo(arrival);
        assertThat(values(recorded.data(), Map.of("ApiName", API, "Stage", "Prod"))).isEqualTo(Map.of(
                "Count", 1.0, "4XXError", 0.0, "5XXError", 0.0, "Latency", 7.0, "IntegrationLatency", 7.0));
        assertThat(values(recorded.data(), Map.of("ApiName", API))).containsEntry("Count", 1.0);
        assertThat(recorded.data()).hasSize(10).allSatisfy(d ->
                assertThat(d.key().namespace()).isEqualTo(ApiGatewayMetricsWriter.NAMESPACE));
    }

    @Test
    void gatewayResponsesCountAsClientErrorsWithoutIntegrationLatency() {
        f.send("GET", "/Prod/missing");
        f.enforcer.verdict = Verdict.THROTTLED;
        assertThat(f.postItem().status()).isEqualTo(429);

        List<MemoryMetricSink.Recorded> recorded = f.metrics.recorded();
        assertThat(recorded).hasSize(2);
        for (MemoryMetricSink.Recorded r : recorded) {
            assertThat(values(r.data(), Map.of("ApiName", API, "Stage", "Prod"))).isEqualTo(Map.of(
                    "Count", 1.0, "4XXError", 1.0, "5XXError", 0.0, "Latency", 0.0));
        }
    }

    @Test
    void integrationFailuresCountAsServerErrors() {
        f.invoker.answer("Writer", e -> Doubles.failure(
                dev.turnstile.localstage.lambda.InvocationResult.Outcome.FUNCTION_ERROR, "boom"));

        assertThat(f.postItem().status()).isEqualTo(502);

        assertThat(values(f.metrics.recorded().get(0).data(), Map.of("ApiName", API, "Stage", "Prod")))
                .containsEntry("5XXError", 1.0).containsEntry("4XXError", 0.0).containsKey("IntegrationLatency");
    }

    @Test
    void detailedMetricsAddResourceAndMethod() {
        f.metricsEnabled = true;

        f.postItem();
        f.send("GET", "/Prod/missing");

        List<MemoryMetricSink.Recorded> recorded = f.metrics.recorded();
        Map<String, String> method = Map.of("ApiName", API, "Stage", "Prod", "Resource", "/items", "Method", "POST");
        assertThat(values(recorded.get(0).data(), method)).containsEntry("Count", 1.0).hasSize(5);
        // a request that matched no method is only in the stage's metrics
        assertThat(recorded.get(1).data()).hasSize(8)
                .noneMatch(d -> d.key().dimensions().containsKey("Resource"));
    }

    @Test
    void requestsForAnotherStageAreNotThisStagesMetrics() {
        f.send("GET", "/Beta/items/1");

        assertThat(f.metrics.recorded()).isEmpty();
    }

    @Test
    void theApiNameDimensionDropsNonAsciiCharacters() {
        assertThat(ApiGatewayMetricsWriter.dimensionName("shop-\u00e9t\u00e9-api", "abc123")).isEqualTo("shop-t-api");
        assertThat(ApiGatewayMetricsWriter.dimensionName("\u00e9\u00e8", "abc123")).isEqualTo("abc123");
    }

    /** Metric name → value of the data with exactly these dimensions. */
    private static Map<String, Double> values(List<MetricDatum> data, Map<String, String> dimensions) {
        return data.stream().filter(d -> d.key().dimensions().equals(new java.util.TreeMap<>(dimensions)))
                .collect(Collectors.toMap(d -> d.key().metricName(), MetricDatum::value));
    }
}
