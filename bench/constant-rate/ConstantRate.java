import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Constant-rate (open model) load for the full path, since wrk2 is not packaged: request i is sent at
 * {@code start + i / rate} whatever happened to earlier ones, and its latency is measured from that scheduled
 * time, so a stall shows up in the percentiles instead of silently lowering the rate (no coordinated omission).
 * Bounded: {@code rate x seconds} requests at most, then at most 30 s to drain; loopback URLs only.
 *
 * <pre>java bench/constant-rate/ConstantRate.java INVOKE_URL API_KEY [rate=500] [seconds=60]</pre>
 */
public final class ConstantRate {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java ConstantRate.java INVOKE_URL API_KEY [rate=500] [seconds=60]");
            System.exit(2);
        }
        URI url = URI.create(args[0].replaceAll("/$", "") + "/items");
        if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
            throw new IllegalArgumentException("loopback targets only, got " + url.getHost());
        }
        String key = args[1];
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        if (rate < 1 || rate > 5000 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("rate must be 1..5000 req/s and seconds 1..600");
        }
        int total = rate * seconds;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-api-key", key)
                .header("authorizationToken", "allow")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"constant-rate\",\"kind\":\"fullpath\",\"n\":1}"))
                .build();

        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        CompletableFuture<?>[] pending = new CompletableFuture<?>[total];
        long maxLagNanos = 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * periodNanos;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLagNanos = Math.max(maxLagNanos, -wait);
            int index = i;
            pending[i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                latencies[index] = System.nanoTime() - scheduled;
                String outcome = error != null ? "error " + error.getClass().getSimpleName() : "status " + response.statusCode();
                outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
                return null;
            });
        }
        long sendEnd = System.nanoTime();
        try {
            CompletableFuture.allOf(pending).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("some requests were still open 30 s after the last was sent");
        }
        long[] done = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        System.out.printf("sent %d at a scheduled %d req/s over %.1f s (achieved send rate %.1f req/s, max send lag %.1f ms)%n",
                total, rate, (sendEnd - start) / 1e9, total / ((sendEnd - start) / 1e9), maxLagNanos / 1e6);
        System.out.printf("completed %d; outcomes %s%n", done.length, new TreeMap<>(outcomes));
        System.out.printf("latency from scheduled send (ms): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                pct(done, 50), pct(done, 90), pct(done, 99), pct(done, 99.9), done.length == 0 ? 0 : done[done.length - 1] / 1e6);
        long errors = outcomes.entrySet().stream().filter(e -> !e.getKey().equals("status 200"))
                .mapToLong(e -> e.getValue().get()).sum() + (total - done.length);
        System.out.println("errors (non-200, failed or unfinished): " + errors);
        System.exit(errors == 0 ? 0 : 1);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
