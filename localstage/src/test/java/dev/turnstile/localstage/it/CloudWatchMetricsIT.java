package dev.turnstile.localstage.it;

import static dev.turnstile.localstage.it.ItStages.await;
import static dev.turnstile.localstage.it.ItStages.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The repository's template on a real local stage: the requests it serves and the invocations it runs are in
 * {@code AWS/ApiGateway} and {@code AWS/Lambda}, read with the SDK v2 CloudWatch client from {@code endpoints.cloudwatch},
 * under the {@code ApiName} that {@code GetRestApis} reports — and still there after a restart on the same data directory.
 */
class CloudWatchMetricsIT {

    @TempDir
    Path data;

    @Test
    void servedRequestsAndInvocationsAreMetricsThatSurviveARestart() {
        Instant from = Instant.now().minusSeconds(120);
        String apiName;
        String writer;
        try (LocalStage stage = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, data).port(0).build())) {
            StageProfile profile = stage.profile();
            writer = profile.functionName("WriterFunction");
            ApiKeyInfo key = profile.usagePlans().stream().filter(p -> p.name().endsWith("-standard")).findFirst()
                    .orElseThrow().apiKeys().get(0);
            for (int i = 0; i < 3; i++) {
                assertThat(post(profile, "/items", Map.of("x-api-key", key.value(), "authorizationToken", "allow"),
                        "{\"n\":" + i + "}").statusCode()).isEqualTo(200);
            }
            assertThat(post(profile, "/items", Map.of("x-api-key", key.value()), "{}").statusCode()).isEqualTo(401);
            assertThat(post(profile, "/nowhere", Map.of(), "{}").statusCode()).isEqualTo(403);

            try (ApiGatewayClient apiGateway = ItStages.apiGateway(profile);
                 CloudWatchClient cloudWatch = ItStages.cloudWatch(profile)) {
                apiName = apiGateway.getRestApis().items().stream().filter(a -> a.id().equals(profile.restApiId()))
                        .map(RestApi::name).findFirst().orElseThrow();
                assertExpectedMetrics(cloudWatch, profile, apiName, writer, from);
                assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/ApiGateway").metricName("Count")).metrics())
                        .extracting(Metric::dimensions).contains(
                                List.of(dim("ApiName", apiName)),
                                List.of(dim("ApiName", apiName), dim("Stage", "Prod")),
                                // MethodSettings /*/* MetricsEnabled: detailed metrics per method
                                List.of(dim("ApiName", apiName), dim("Method", "POST"), dim("Resource", "/items"),
                                        dim("Stage", "Prod")));
            }
        }
        try (LocalStage again = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, data).port(0).build());
             CloudWatchClient cloudWatch = ItStages.cloudWatch(again.profile())) {
            assertExpectedMetrics(cloudWatch, again.profile(), apiName, writer, from);
        }
    }

    private static void assertExpectedMetrics(CloudWatchClient cloudWatch, StageProfile profile, String apiName,
                                              String writer, Instant from) {
        List<Dimension> stage = List.of(dim("ApiName", apiName), dim("Stage", profile.stageName()));
        assertThat(sum(cloudWatch, "AWS/ApiGateway", "Count", stage, from)).isEqualTo(5.0);
        assertThat(sum(cloudWatch, "AWS/ApiGateway", "4XXError", stage, from)).isEqualTo(2.0);
        assertThat(sum(cloudWatch, "AWS/ApiGateway", "5XXError", stage, from)).isEqualTo(0.0);
        List<Dimension> function = List.of(dim("FunctionName", writer));
        // Lambda's metrics are published when the invocation ends, just after the response
        await("3 Invocations of " + writer, () -> sum(cloudWatch, "AWS/Lambda", "Invocations", function, from),
                v -> v == 3.0);
        assertThat(sum(cloudWatch, "AWS/Lambda", "Errors", function, from)).isEqualTo(0.0);
        // one TOKEN authorizer invocation: the other two allowed requests were answered from its cache
        assertThat(sum(cloudWatch, "AWS/Lambda", "Invocations",
                List.of(dim("FunctionName", profile.functionName("TokenAuthorizerFunction"))), from)).isEqualTo(1.0);
    }

    private static double sum(CloudWatchClient cloudWatch, String namespace, String metric, List<Dimension> dims,
                              Instant from) {
        return cloudWatch.getMetricStatistics(r -> r.namespace(namespace).metricName(metric).dimensions(dims)
                        .startTime(from).endTime(Instant.now().plusSeconds(120)).period(60).statistics(Statistic.SUM))
                .datapoints().stream().mapToDouble(Datapoint::sum).sum();
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
