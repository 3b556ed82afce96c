package dev.turnstile.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.metrics.MetricReader;
import dev.turnstile.reports.input.StageMetrics;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.QuotaInfo;
import dev.turnstile.stage.profile.StageProfile.ThrottleInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import dev.turnstile.stage.stats.Percentiles;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A stage with two keys and a run folder, whose access log is built by hand with known outcomes:
 * <ul>
 *   <li>key {@code stdkeyaaa1} (plan "standard", rate 10, burst 20, quota 5000/DAY): 10 s at 8 rps, then 100
 *       requests at one instant of which the stage admitted 20 and throttled 80;</li>
 *   <li>key {@code smallkey02} (plan "small", rate 10, burst 5 — burst below rate — quota 50/DAY): 60 requests,
 *       one every 500 ms, all admitted by the stage although the plan's quota would stop 10 of them.</li>
 * </ul>
 */
public final class ReportFixtures {

    public static final Instant FROM = Instant.parse("2026-01-01T10:00:00Z");
    public static final Instant TO = Instant.parse("2026-01-01T11:00:00Z");
    public static final long T0 = FROM.toEpochMilli() + 60_000;
    public static final String STD_KEY_ID = "stdkeyaaa1";
    public static final String SMALL_KEY_ID = "smallkey02";
    public static final String STD_KEY_VALUE = "StdValueSecret0123456789Wxyz";
    public static final String SMALL_KEY_VALUE = "SmallValueSecret987654321Qrst";

    private ReportFixtures() {
    }

    public static StageProfile profile() {
        UsagePlanInfo standard = new UsagePlanInfo("pln001", "standard <b>plan</b>", new ThrottleInfo(10, 20),
                new QuotaInfo(5000, QuotaPeriod.DAY, 0), null, List.of(new ApiKeyInfo(STD_KEY_ID, "turnstile-key", STD_KEY_VALUE)));
        UsagePlanInfo small = new UsagePlanInfo("pln002", "small", new ThrottleInfo(10, 5),
                new QuotaInfo(50, QuotaPeriod.DAY, 0), null, List.of(new ApiKeyInfo(SMALL_KEY_ID, "small-key", SMALL_KEY_VALUE)));
        return new StageProfile("local", "us-east-1", "http://127.0.0.1:3000/Prod", "abc123defg", "Prod",
                Map.of("logs", "http://127.0.0.1:1"), "turnstile-items",
                new StageProfile.LogGroups("/turnstile/turnstile/access", "API-Gateway-Execution-Logs_abc123defg/Prod", Map.of()),
                Map.of(), List.of(new StageProfile.RouteInfo("POST", "/items", "TokenAuthorizer", true)), List.of(),
                List.of(standard, small), null);
    }

    /** Access-log lines in the template's format. */
    public static List<String> accessLog() {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < 80; i++) {
            lines.add(line("r" + n++, T0 + i * 125L, STD_KEY_ID, "POST", "/items", 200, "-"));
        }
        for (int i = 0; i < 100; i++) {
            boolean admitted = i < 20;
            lines.add(line("r" + n++, T0 + 20_000, STD_KEY_ID, "POST", "/items", admitted ? 200 : 429,
                    admitted ? "-" : "THROTTLED"));
        }
        for (int i = 0; i < 60; i++) {
            lines.add(line("r" + n++, T0 + i * 500L, SMALL_KEY_ID, "POST", "/tenant-items", 200, "-"));
        }
        // not metered: a missing key never reaches a bucket
        lines.add(line("r" + n++, T0, "-", "POST", "/items", 403, "INVALID_API_KEY"));
        // outside the window
        lines.add(line("r" + n, TO.toEpochMilli(), STD_KEY_ID, "POST", "/items", 200, "-"));
        return lines;
    }

    public static String line(String id, long time, String keyId, String method, String path, int status, String error) {
        return "{\"requestId\":\"" + id + "\",\"extendedRequestId\":\"x" + id + "\",\"requestTimeEpoch\":\"" + time
                + "\",\"httpMethod\":\"" + method + "\",\"resourcePath\":\"" + path + "\",\"path\":\"/Prod" + path
                + "\",\"status\":\"" + status + "\",\"responseLength\":\"2\",\"sourceIp\":\"127.0.0.1\",\"apiKeyId\":\""
                + keyId + "\",\"principalId\":\"user\",\"authorizerError\":\"-\",\"errorResponseType\":\"" + error
                + "\",\"errorMessage\":\"-\",\"integrationLatency\":\"5\",\"responseLatency\":\"7\"}";
    }

    /** The fixture's report data, with the capacity run folder created under {@code root}. */
    public static dev.turnstile.reports.model.CapacityReportData reportData(Path root) throws IOException {
        return CapacityReport.analyze(ReportRequest.builder(profile(), FROM, TO).run(capacityRun(root))
                .accessLogs((from, to) -> accessLog()).metrics(metrics()).build(), TO);
    }

    /**
     * The stage's CloudWatch metrics as API Gateway would publish them for {@link #accessLog()}: per minute of each
     * line's {@code requestTimeEpoch}, Count / 4XXError / 5XXError sums and nearest-rank latency percentiles.
     */
    public static StageMetrics metrics() {
        MetricReader fromAccessLog = (namespace, metric, dims, stat, period, from, to) -> {
            Map<Long, List<Long>> byPeriod = new TreeMap<>();
            for (String line : accessLog()) {
                JsonNode l = read(line);
                long t = l.get("requestTimeEpoch").asLong();
                long p = Math.floorDiv(t, period * 1000L) * period * 1000L;
                if (t < from || t >= to) {
                    continue;
                }
                int status = l.get("status").asInt();
                long value = switch (metric) {
                    case "Count" -> 1;
                    case "4XXError" -> status >= 400 && status < 500 ? 1 : 0;
                    case "5XXError" -> status >= 500 ? 1 : 0;
                    case "Latency" -> l.get("responseLatency").asLong();
                    default -> l.get("integrationLatency").asLong();
                };
                byPeriod.computeIfAbsent(p, k -> new ArrayList<>()).add(value);
            }
            NavigableMap<Long, Double> out = new TreeMap<>();
            byPeriod.forEach((p, values) -> out.put(p, "Sum".equals(stat)
                    ? values.stream().mapToLong(Long::longValue).sum()
                    : (double) Percentiles.of(values.stream().mapToLong(Long::longValue).toArray())
                            .value(Double.parseDouble(stat.substring(1)))));
            return out;
        };
        return new StageMetrics(fromAccessLog, "turnstile-api", "Prod");
    }

    private static JsonNode read(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Capacity run folder: knee at 200 rps offered (199 carried), and a failed verdict. */
    public static Path capacityRun(Path root) throws IOException {
        Path run = Files.createDirectories(root.resolve("runs").resolve("run-capacity-1"));
        Files.writeString(run.resolve("capacity-steps.json"), """
                [{"offeredRps":100,"throughputRps":100,"p50Ms":3,"p95Ms":5,"p99Ms":8,"errorShare":0,"requests":6000},
                 {"offeredRps":200,"throughputRps":199,"p50Ms":4,"p95Ms":9,"p99Ms":20,"errorShare":0,"requests":12000,"extra":1},
                 {"offeredRps":400,"throughputRps":310,"p50Ms":40,"p95Ms":300,"p99Ms":1500,"errorShare":0.02,"requests":24000}]
                """);
        Files.writeString(run.resolve("verdict.json"), """
                {"simulation":"Capacity","expected":{"kneeRps":300},"observed":{"kneeRps":200},"pass":false,"notes":"x"}
                """);
        Files.writeString(run.resolve("ledger.jsonl"), """
                {"runId":"run-capacity-1","requestId":"q1","route":"POST /items","apiKeyId":"stdkeyaaa1","tokenClass":"allow","status":200,"latencyMs":4,"timeMs":%d,"injector":0,"scenario":"Capacity"}
                {"runId":"run-capacity-1","requestId":"q2","route":"POST /items","apiKeyId":"stdkeyaaa1","tokenClass":"allow","status":429,"errorType":"LimitExceededException","latencyMs":3,"timeMs":%d,"injector":0,"scenario":"Capacity"}
                """.formatted(T0, T0 + 1));
        return run;
    }
}
