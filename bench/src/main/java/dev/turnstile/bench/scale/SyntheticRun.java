package dev.turnstile.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.RunSpec;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds a ThrottleRate run of N requests without sending them, for the scaling benchmark (bench/README.md,
 * "Scaling"): the injectors' run folders (ledger and {@code run.json}, N split round-robin), and on the local stage
 * itself, through its own DynamoDB and CloudWatch Logs APIs, what the stage would have recorded — one writer item
 * per admitted request with the writer's {@code START}/{@code END}/{@code REPORT} lines, one access-log line per
 * request, and the TOKEN authorizer's lines once per cache miss. Not written: CloudWatch metrics — the local stage
 * publishes its own and serves no {@code PutMetricData}, so the metric cross-check of a synthetic run fails. The run ends a few seconds before now, so its windows are current.
 *
 * <pre>
 * java -cp … dev.turnstile.bench.scale.SyntheticRun --stage data/stage.json --requests 100000 --injectors 4 --runs runs
 * </pre>
 * The last line printed is the run folders, for the merge command.
 */
@Command(name = "synthetic-run", mixinStandardHelpOptions = true,
        description = "Write a synthetic ThrottleRate run's ledgers, items and log lines to a local stage.")
public final class SyntheticRun implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--stage", required = true, description = "the local stage's profile (stage.json)") Path stage;
    @Option(names = "--requests", required = true, description = "N, the run's requests") long requests;
    @Option(names = "--injectors", defaultValue = "4", description = "run folders N is split over (4)") int injectors;
    @Option(names = "--runs", defaultValue = "target/turnstile/runs", description = "where the run folders go") Path runs;
    @Option(names = "--seed", defaultValue = "0",
            description = "random seed (ids, latencies); 0, the default, takes one from the clock, so that two runs on "
                    + "one stage never share request ids") long seed;

    /** ThrottleRate's own default: twice the plan's rate. */
    private static final double OFFERED_FACTOR = 2;
    /** dynalite is one Node.js process: a few calls in flight keep it busy without queueing many. */
    private static final int ITEM_THREADS = 4;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SyntheticRun()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        StageProfile profile = StageProfile.read(stage);
        if (seed == 0) {
            seed = System.nanoTime() | 1;
        }
        if (!profile.isLocal()) {
            throw new IllegalArgumentException("a synthetic run is written to a local stage only, not to " + profile.kind());
        }
        UsagePlanInfo plan = profile.plan("-standard");
        double rate = plan.throttle().rateLimit();
        int burst = plan.throttle().burstLimit();
        double offered = rate * OFFERED_FACTOR;
        long durationMs = (long) Math.ceil(requests * 1000.0 / offered);
        long startMs = System.currentTimeMillis() - durationMs - 5_000;
        String[] runIds = new String[injectors];
        List<BufferedWriter> ledgers = new ArrayList<>();
        for (int i = 0; i < injectors; i++) {
            runIds[i] = Ledger.newRunId("ThrottleRate-i" + i);
            Path dir = runs.resolve(runIds[i]);
            Files.createDirectories(dir);
            ledgers.add(Files.newBufferedWriter(dir.resolve("ledger.jsonl"), StandardCharsets.UTF_8));
        }
        AuthorizerInfo authorizer = profile.authorizers().stream()
                .filter(a -> a.name().equals(profile.route("POST", "/items").orElseThrow().authorizer()))
                .findFirst().orElseThrow();
        long started = System.nanoTime();
        long admitted = 0;
        long misses = 0;
        long ttlMs = authorizer.ttlSeconds() * 1000L;
        long cachedAt = Long.MIN_VALUE;
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long lastAnswer = startMs;
        try (StageClients clients = new StageClients(profile);
             ItemBatchWriter items = new ItemBatchWriter(clients.dynamoDb(), profile.table(), ITEM_THREADS);
             LogBatchWriter access = new LogBatchWriter(clients.logs(), profile.logGroups().access(),
                     "synthetic-" + runIds[0]);
             LogBatchWriter authorizerLog = new LogBatchWriter(clients.logs(),
                     profile.functionLogGroup(authorizer.function()), "synthetic-" + runIds[0]);
             LogBatchWriter writerLog = new LogBatchWriter(clients.logs(), profile.functionLogGroup("WriterFunction"),
                     "synthetic-" + runIds[0])) {
            SyntheticLoad load = new SyntheticLoad(requests, runIds, plan.firstKey().id(), startMs, offered, rate,
                    burst, seed);
            while (load.hasNext()) {
                SyntheticLoad.Request request = load.next();
                LedgerEntry e = request.entry();
                ledgers.get(e.injector()).write(JSON.writeValueAsString(e));
                ledgers.get(e.injector()).write('\n');
                if (cachedAt == Long.MIN_VALUE || e.timeMs() - cachedAt >= ttlMs) {
                    misses++; // the cache of the one identity expired: the authorizer runs
                    cachedAt = e.timeMs();
                    invocation(authorizerLog, e.timeMs(), 2, random);
                }
                if (e.accepted()) {
                    admitted++;
                    items.put(item(e, plan.firstKey().id()));
                    invocation(writerLog, e.timeMs() + 1, e.latencyMs() - 2, random);
                }
                long answered = e.timeMs() + e.latencyMs();
                lastAnswer = Math.max(lastAnswer, answered);
                access.put(answered, accessLine(e, request.extendedRequestId(), profile.stageName()));
            }
            for (BufferedWriter w : ledgers) {
                w.close();
            }
            for (int i = 0; i < injectors; i++) {
                long share = requests / injectors + (i < requests % injectors ? 1 : 0);
                new RunSpec("ThrottleRate", runIds[i], injectors, i, profile.kind(), plan.name(), plan.firstKey().id(),
                        rate, burst, plan.quota() == null ? 0 : plan.quota().limit(), offered, durationMs, 0.02, 2,
                        startMs, lastAnswer, null, null, null, 0, null, 0).write(runs.resolve(runIds[i]));
                System.out.println("injector " + i + ": " + share + " requests in " + runs.resolve(runIds[i]));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("synthetic ThrottleRate run: %d requests (%d admitted), %d authorizer runs, %.1f s of "
                            + "load at %.0f req/s; written in %.1f s with %d BatchWriteItem and %d Logs calls%n",
                    requests, admitted, misses, durationMs / 1000.0, offered, seconds, items.calls(),
                    access.calls() + authorizerLog.calls() + writerLog.calls());
        }
        List<String> dirs = new ArrayList<>();
        for (String id : runIds) {
            dirs.add(runs.resolve(id).toString());
        }
        System.out.println(String.join(" ", dirs));
        return 0;
    }

    /** One function invocation's platform lines, as Lambda writes them: {@code START}, {@code END}, {@code REPORT}. */
    private static void invocation(LogBatchWriter log, long startMs, long durationMs, SplittableRandom random) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        log.put(startMs, "START RequestId: " + id + " Version: $LATEST");
        log.put(startMs + durationMs, "END RequestId: " + id);
        log.put(startMs + durationMs, "REPORT RequestId: " + id + "\tDuration: " + durationMs + ".00 ms\tBilled Duration: "
                + durationMs + " ms\tMemory Size: 512 MB\tMax Memory Used: 91 MB\t");
    }

    /** The writer's item for an admitted request (the shape of the writer's {@code StoredItem}). */
    static Map<String, AttributeValue> item(LedgerEntry e, String keyId) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("ID", AttributeValue.fromS(e.extendedRequestId())); // the writer keys its item by x-amz-apigw-id
        item.put("created", AttributeValue.fromS(CREATED.format(Instant.ofEpochMilli(e.timeMs()))));
        item.put("payload", AttributeValue.fromM(Map.of("order", AttributeValue.fromN(Long.toString(e.timeMs())))));
        item.put("principalId", AttributeValue.fromS("user-allow"));
        item.put("apiKeyId", AttributeValue.fromS(keyId));
        item.put("runId", AttributeValue.fromS(e.runId()));
        return item;
    }

    /** The access-log line the template's {@code AccessLogSetting.Format} renders for {@code e}. */
    static String accessLine(LedgerEntry e, String extendedRequestId, String stageName) {
        ObjectNode line = JSON.createObjectNode();
        boolean ok = e.accepted();
        line.put("requestId", e.requestId())
                .put("extendedRequestId", extendedRequestId)
                .put("requestTimeEpoch", Long.toString(e.timeMs()))
                .put("httpMethod", "POST")
                .put("resourcePath", "/items")
                .put("path", "/" + stageName + "/items")
                .put("status", Integer.toString(e.status()))
                .put("responseLength", ok ? "54" : "41")
                .put("sourceIp", "127.0.0.1")
                .put("apiKeyId", e.apiKeyId())
                .put("principalId", "user-allow")
                .put("authorizerError", "-")
                .put("errorResponseType", ok ? "-" : "THROTTLED")
                .put("errorMessage", ok ? "-" : "Too Many Requests")
                .put("integrationLatency", ok ? Long.toString(Math.max(1, e.latencyMs() - 3)) : "-")
                .put("responseLatency", Long.toString(e.latencyMs()));
        return line.toString();
    }
}
