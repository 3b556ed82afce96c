package dev.turnstile.localstage.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * {@code kill -9} of the command-line stage while requests are in flight: after a restart on the same data directory
 * the key's quota usage is at least the number of requests it admitted (every 200 the clients received), so a key
 * cannot pass its quota by way of a crash (docs/aws-behaviour.md §3.2; the usage journal in {@code usageplan/}).
 */
class QuotaKillRestartIT {

    private static final int CLIENTS = 8;
    /** Admitted requests before the kill: several group commits and at least one snapshot interval. */
    private static final int ADMITTED_BEFORE_KILL = 80;

    @RegisterExtension
    final StartedStages stages = new StartedStages();

    @Test
    void usageCountedForAnsweredRequestsSurvivesSigkill() throws Exception {
        StageProcess first = stages.start("first.log");
        StageProfile profile = first.profile();
        UsagePlanInfo plan = profile.plan("-standard");
        ApiKeyInfo key = plan.apiKeys().get(0);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        AtomicInteger admitted = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (!killed.get()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(profile.invokeUrl() + "/items"))
                            .timeout(Duration.ofSeconds(30)).header("x-api-key", key.value())
                            .header("authorizationToken", "allow").POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}"))
                            .build();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            admitted.incrementAndGet();
                        }
                    } catch (Exception refusedOrCut) {
                        // the stage is gone: the request got no answer and counts for nothing
                    }
                }
                return null;
            });
        }
        Awaitility.await("admitted requests before the kill").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20)).until(() -> admitted.get() >= ADMITTED_BEFORE_KILL);
        first.kill(); // with requests still in flight
        killed.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int acknowledged = admitted.get();

        StageProcess second = stages.start("second.log");
        try (ApiGatewayClient apiGateway = ItStages.apiGateway(second.profile())) {
            List<List<Long>> days = apiGateway.getUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
                    .startDate(today).endDate(today)).items().get(key.id());
            long used = days.get(0).get(0);
            System.out.printf("QuotaKillRestartIT: %d requests answered 200 before the kill; usage after restart %d%n",
                    acknowledged, used);
            assertThat(used).as("quota usage after the restart vs requests answered 200").isGreaterThanOrEqualTo(acknowledged);
            assertThat(days.get(0).get(1)).isEqualTo(plan.quota().limit() - used);
        }
    }
}
