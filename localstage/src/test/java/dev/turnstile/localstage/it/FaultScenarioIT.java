package dev.turnstile.localstage.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The faults of issue 13 one after the other under a steady load on the command-line stage: the writer's execution
 * environments SIGKILLed, dynalite SIGKILLed, dynalite SIGSTOPped, and at last the whole stage SIGKILLed and started
 * again on the same data directory. What must hold: no request answered 200 lacks its item (keyed by its
 * {@code x-amz-apigw-id}, holding its own body); the key's quota usage after the restart is at least the requests
 * the usage plan admitted; dynalite comes back each time without restarting the stage, and the readiness face says
 * so. The figures are printed on one line.
 */
class FaultScenarioIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    /** Requests answered between two faults, so each fault meets a running load. */
    private static final int BETWEEN_FAULTS = 40;

    @RegisterExtension
    final StartedStages stages = new StartedStages();

    /** One request of the load and what came back (status 0: no answer). */
    private record Exchange(String seq, int status, String errorType, String extendedRequestId) {
        /** Passed the usage-plan step: the writer's own answers, or the integration's gateway errors. */
        boolean admitted() {
            return status != 0 && (errorType == null || "InternalServerErrorException".equals(errorType));
        }
    }

    @Test
    void noAcknowledgedItemOrCountedRequestIsLostAndDynaliteComesBackOnItsOwn() throws Exception {
        // no throttling and a quota out of reach: every request reaches the writer
        String[] params = {"--param", "ThrottleRate=5000", "--param", "ThrottleBurst=5000",
                "--param", "QuotaLimit=1000000"};
        StageProcess stage = stages.start("first.log", params);
        StageProfile profile = stage.profile();
        UsagePlanInfo plan = profile.plan("-standard");
        ApiKeyInfo key = plan.apiKeys().get(0);
        URI ready = URI.create(profile.endpoint("admin").orElseThrow() + "/_turnstile/ready");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            load.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String seq = client + "-" + i;
                    exchanges.add(send(http, profile, key, seq));
                    answered.incrementAndGet();
                }
                return null;
            });
        }
        awaitMore(answered, BETWEEN_FAULTS);

        List<ProcessHandle> writers = stage.children().stream().filter(command(c -> c.contains("WriterHandler"))).toList();
        assertThat(writers).isNotEmpty();
        writers.forEach(ProcessHandle::destroyForcibly);
        awaitMore(answered, BETWEEN_FAULTS);

        long firstDynalite = dynalitePid(stage);
        ProcessHandle.of(firstDynalite).orElseThrow().destroyForcibly();
        JsonNode afterKill = awaitReady(http, ready, firstDynalite);
        awaitMore(answered, BETWEEN_FAULTS);

        long secondDynalite = afterKill.path("dynamodb").path("pid").asLong();
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(secondDynalite)).start().waitFor()).isZero();
        JsonNode afterStop = awaitReady(http, ready, secondDynalite);
        awaitMore(answered, BETWEEN_FAULTS);

        long stageJvm = stage.pid();
        assertThat(stage.isAlive()).as("dynalite came back twice without restarting the stage").isTrue();
        stage.kill(); // the whole stage, with requests in flight
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

        StageProcess restarted = stages.start("second.log", params);
        StageProfile after = restarted.profile();
        List<Exchange> all = List.copyOf(exchanges);
        List<Exchange> ok = all.stream().filter(e -> e.status() == 200).toList();
        long admitted = all.stream().filter(Exchange::admitted).count();
        List<String> okWithoutItem = new ArrayList<>();
        List<String> failedWithItem = new ArrayList<>();
        try (DynamoDbClient dynamoDb = ItStages.dynamoDb(after)) {
            for (Exchange e : all) {
                if (e.extendedRequestId() == null) {
                    continue;
                }
                Map<String, AttributeValue> item = ItStages.item(dynamoDb, after.table(), e.extendedRequestId());
                boolean stored = !item.isEmpty()
                        && Map.of("seq", AttributeValue.fromS(e.seq())).equals(item.get("payload").m());
                if (e.status() == 200 && !stored) {
                    okWithoutItem.add(e.seq() + " " + e.extendedRequestId());
                } else if (e.status() != 200 && !item.isEmpty()) {
                    failedWithItem.add(e.seq() + " " + e.status());
                }
            }
        }
        long used;
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (ApiGatewayClient apiGateway = ItStages.apiGateway(after)) {
            used = apiGateway.getUsage(r -> r.usagePlanId(plan.id()).keyId(key.id()).startDate(today).endDate(today))
                    .items().get(key.id()).get(0).get(0);
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        all.forEach(e -> statuses.merge(e.status(), 1L, Long::sum));
        System.out.printf("FaultScenarioIT: %d requests %s; %d answered 200, %d of them without their item; %d non-200"
                        + " with an item; admitted %d, quota usage after the restart %d; dynalite pid %d SIGKILLed ->"
                        + " pid %d (restarts %d), SIGSTOPped -> pid %d (restarts %d), stage JVM %d unchanged throughout%n",
                all.size(), statuses, ok.size(), okWithoutItem.size(), failedWithItem.size(), admitted, used,
                firstDynalite, secondDynalite, afterKill.path("dynamodb").path("restarts").asInt(),
                afterStop.path("dynamodb").path("pid").asLong(), afterStop.path("dynamodb").path("restarts").asInt(),
                stageJvm);

        assertThat(okWithoutItem).as("requests answered 200 without their item").isEmpty();
        assertThat(ok).as("the load got through between the faults").hasSizeGreaterThan(4 * BETWEEN_FAULTS / 2);
        assertThat(used).as("quota usage after the restart vs requests the usage plan admitted")
                .isGreaterThanOrEqualTo(admitted);
        assertThat(afterKill.path("dynamodb").path("restarts").asInt()).isEqualTo(1);
        assertThat(afterKill.path("dynamodb").path("lastFailure").asText())
                .isEqualTo("dynalite pid " + firstDynalite + " exited with status 137");
        assertThat(afterStop.path("dynamodb").path("restarts").asInt()).isEqualTo(2);
        assertThat(afterStop.path("dynamodb").path("lastFailure").asText())
                .startsWith("dynalite pid " + secondDynalite + " did not answer 3 health probes in a row");
        assertThat(ProcessHandle.of(secondDynalite).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static Exchange send(HttpClient http, StageProfile profile, ApiKeyInfo key, String seq) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(profile.invokeUrl() + "/items"))
                .timeout(Duration.ofSeconds(40)).header("x-api-key", key.value()).header("authorizationToken", "allow")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seq\":\"" + seq + "\"}")).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Exchange(seq, r.statusCode(), r.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    r.headers().firstValue("x-amz-apigw-id").orElse(null));
        } catch (IOException | InterruptedException noAnswer) {
            if (noAnswer instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Exchange(seq, 0, null, null);
        }
    }

    private static void awaitMore(AtomicInteger answered, int more) {
        int target = answered.get() + more;
        Awaitility.await(more + " more answers").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> answered.get() >= target);
    }

    /** Polls the readiness face until it answers 200 with a dynalite other than {@code oldPid}; its body. */
    private static JsonNode awaitReady(HttpClient http, URI ready, long oldPid) {
        AtomicBoolean sawNotReady = new AtomicBoolean();
        JsonNode body = Awaitility.await("dynalite serving again after pid " + oldPid).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 503) {
                        sawNotReady.set(true);
                    }
                    return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                }, b -> b != null && b.path("dynamodb").path("pid").asLong() != oldPid);
        assertThat(sawNotReady).as("the readiness face said not-ready while dynalite was down").isTrue();
        return body;
    }

    private static long dynalitePid(StageProcess stage) {
        return stage.children().stream().filter(command(c -> c.contains("dynalite"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dynalite among " + stage.children())).pid();
    }

    private static Predicate<ProcessHandle> command(Predicate<String> test) {
        return p -> p.info().commandLine().map(test::test).orElse(false);
    }
}
