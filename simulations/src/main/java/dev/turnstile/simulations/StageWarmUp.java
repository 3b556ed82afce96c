package dev.turnstile.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import dev.turnstile.stage.stats.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Brings a freshly started local stage's Lambda execution environments to their steady state before a simulation
 * measures anything: it invokes every function directly (the Lambda Invoke API, so no token bucket or quota is
 * touched) — the writer from as many threads as the stage's concurrency cap, so its pool holds that many
 * environments, each authorizer from two — one function after another, adding one thread (one cold start) at a time,
 * and then keeps invoking for the warm-up's duration ({@link SimulationSettings#warmUp()}, 5 s by default; a quarter
 * of it for an authorizer) so that their JIT has compiled the hot path: a dozen invocations start the environments
 * but leave them interpreting, and a throttle test whose first seconds queue behind them would measure the
 * emulator's boot, not the usage plan. Each function gets the event it gets behind the gateway: an authorizer its
 * own kind of Allow event, every other function an API Gateway proxy event (so the writer runs its proxy path, the
 * one the simulations load). The writer's warm-up items are keyed by their Lambda request ids and belong to no run.
 * Deployed stages are never warmed (their cold starts are the user's to see).
 */
public final class StageWarmUp {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Invocations per thread at least, however short the duration. */
    private static final int MIN_ROUNDS = 12;
    /** Invocations per thread at most (a bound, whatever the duration). */
    private static final int MAX_ROUNDS = 20_000;
    /** The latency of a thread's last this many invocations is reported. */
    private static final int TAIL = 50;
    /**
     * Threads per authorizer: with one token per identity cached for the TTL, a simulation invokes an authorizer a few
     * times a second at most, so two warm environments carry it; the writer gets the stage's whole cap.
     */
    private static final int AUTHORIZER_THREADS = 2;
    /** An authorizer is warmed for this fraction of the duration: it is called a few times a second at most. */
    private static final int AUTHORIZER_SHARE = 4;

    private StageWarmUp() {
    }

    /**
     * Warms {@code profile}'s functions for {@code duration} when it is a local stage ({@link Duration#ZERO}: not at
     * all); returns what was done, for the log.
     */
    public static String run(StageProfile profile, LambdaClient lambda, Duration duration) {
        if (!profile.isLocal() || duration.isZero()) {
            return "no warm-up (" + (profile.isLocal() ? "-Dturnstile.warmup=false" : "deployed stage") + ")";
        }
        int cap = Math.max(1, profile.local() == null ? 1 : profile.local().concurrencyCap());
        Map<String, String> events = events(profile);
        Set<String> authorizers = authorizerFunctions(profile);
        // authorizers first, the integrations (the writer) last: what the load needs most is warmed last, alone
        List<String> order = new ArrayList<>(events.keySet());
        order.sort(Comparator.comparing(fn -> !authorizers.contains(fn)));
        long start = System.nanoTime();
        List<String> done = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (String fn : order) {
                boolean authorizer = authorizers.contains(fn);
                done.add(warmFunction(pool, lambda, fn, events.get(fn), authorizer ? Math.min(AUTHORIZER_THREADS, cap)
                        : cap, authorizer ? duration.dividedBy(AUTHORIZER_SHARE) : duration));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("warming the local stage's functions failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("warming the local stage's functions failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return "warmed " + done + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
    }

    /**
     * Warms one function, alone: one thread more at a time, each started once the previous one's first invocation is
     * back (every new thread costs the pool a cold start, and several JVMs starting at once on a small machine
     * crawl), then all of them for {@code duration}. Functions are warmed one after another because invocations of
     * one compete with another's for the CPU: warmed side by side, a writer on two cores measured 58 ms a call
     * while both authorizers spun at 3 ms.
     */
    private static String warmFunction(ExecutorService pool, LambdaClient lambda, String function, String event,
                                       int threads, Duration duration) throws Exception {
        AtomicLong count = new AtomicLong();
        AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
        List<Future<long[]>> work = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                CountDownLatch first = new CountDownLatch(1);
                Future<long[]> thread = pool.submit(() -> warm(lambda, function, event, deadline, count, first));
                work.add(thread);
                while (!first.await(100, TimeUnit.MILLISECONDS)) {
                    if (thread.isDone()) {
                        thread.get(); // its failure, now
                    }
                }
            }
            deadline.set(System.nanoTime() + duration.toNanos());
            long[] tail = work.get(0).get(duration.toMillis() + 180_000, TimeUnit.MILLISECONDS);
            for (Future<long[]> f : work) {
                f.get(duration.toMillis() + 180_000, TimeUnit.MILLISECONDS);
            }
            return function + " " + count.get() + " × from " + threads + " threads (last " + tail.length
                    + " of one: median " + Percentiles.of(tail).value(50) + " ms)";
        } finally {
            deadline.set(0);
        }
    }

    /** The functions behind the stage's authorizers (logical ids mapped to names). */
    private static Set<String> authorizerFunctions(StageProfile profile) {
        Set<String> names = new HashSet<>();
        for (AuthorizerInfo a : profile.authorizers()) {
            String name = profile.functions().get(a.function());
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * One thread's invocations until {@code deadline} (set once every thread has started); counts down {@code first}
     * after its first one. Returns the latencies (ms) of its last {@link #TAIL}.
     */
    private static long[] warm(LambdaClient lambda, String function, String event, AtomicLong deadline,
                               AtomicLong count, CountDownLatch first) {
        long[] tail = new long[TAIL];
        int n = 0;
        while (n < MAX_ROUNDS && (n < MIN_ROUNDS || System.nanoTime() < deadline.get())) {
            long t0 = System.nanoTime();
            invoke(lambda, function, event);
            tail[n % TAIL] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            n++;
            count.incrementAndGet();
            first.countDown();
        }
        return Arrays.copyOf(tail, Math.min(n, TAIL));
    }


    private static void invoke(LambdaClient lambda, String function, String event) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new IllegalStateException(function + " failed its warm-up invocation: " + payload);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (IOException e) {
            return; // not a proxy response: an authorizer's policy, judged by functionError above
        }
        if (answer != null && answer.path("statusCode").asInt(0) >= 500) {
            throw new IllegalStateException(function + " answered its warm-up proxy event with " + payload);
        }
    }

    /**
     * One event per function: an authorizer gets its own kind of Allow event, every other function (an integration
     * behind the gateway) a proxy event for {@code POST /items} with a JSON body.
     */
    static Map<String, String> events(StageProfile profile) {
        Map<String, String> byAuthorizerFunction = new LinkedHashMap<>();
        String arn = "arn:aws:execute-api:" + profile.region() + ":123456789012:" + profile.restApiId() + "/"
                + profile.stageName() + "/POST/items";
        for (AuthorizerInfo a : profile.authorizers()) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", a.type());
            event.put("methodArn", arn);
            if ("TOKEN".equals(a.type())) {
                event.put("authorizationToken", "allow");
            } else {
                event.put("headers", Map.of("authorizationToken", "allow"));
                event.put("queryStringParameters", Map.of("tenant", "turnstile-warm-up"));
            }
            byAuthorizerFunction.put(a.function(), json(event));
        }
        Map<String, String> events = new LinkedHashMap<>();
        profile.functions().forEach((logicalId, name) -> events.put(name,
                byAuthorizerFunction.getOrDefault(logicalId, proxyEvent(profile))));
        return events;
    }

    /** A payload 1.0 proxy event without a request id, so the writer keys its item by the Lambda request id. */
    private static String proxyEvent(StageProfile profile) {
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("resourcePath", "/items");
        requestContext.put("httpMethod", "POST");
        requestContext.put("stage", profile.stageName());
        requestContext.put("apiId", profile.restApiId());
        requestContext.put("identity", Map.of("sourceIp", "127.0.0.1"));
        requestContext.put("authorizer", Map.of("principalId", "turnstile-warm-up"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", "/items");
        event.put("path", "/items");
        event.put("httpMethod", "POST");
        event.put("headers", Map.of("Content-Type", "application/json"));
        event.put("requestContext", requestContext);
        event.put("body", "{\"metadata\":\"turnstile-warm-up\"}");
        event.put("isBase64Encoded", false);
        return json(event);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
