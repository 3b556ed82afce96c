package dev.turnstile.simulations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Brings a freshly started local stage's Lambda execution environments to their steady state before a simulation
 * measures anything: it invokes every function directly (the Lambda Invoke API, so no token bucket or quota is
 * touched) from as many threads as the stage's concurrency cap, until each pool holds that many environments with
 * their JIT warm. A cold Java environment needs seconds for its first DynamoDB call on this 2-core machine; a
 * throttle test whose first seconds queue behind cold starts would measure the emulator's boot, not the usage plan.
 * The writer's warm-up items are keyed by their Lambda request ids and belong to no run. {@code -Dturnstile.warmup=false}
 * ({@link SimulationSettings#warmUp()}) skips it; deployed stages are never warmed (their cold starts are the user's
 * to see).
 */
public final class StageWarmUp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 12;

    private StageWarmUp() {
    }

    /** Warms {@code profile}'s functions when it is a local stage and {@code enabled}; returns what was done, for the log. */
    public static String run(StageProfile profile, LambdaClient lambda, boolean enabled) {
        if (!profile.isLocal() || !enabled) {
            return "no warm-up (" + (profile.isLocal() ? "-Dturnstile.warmup=false" : "deployed stage") + ")";
        }
        int threads = Math.max(1, profile.local() == null ? 1 : profile.local().concurrencyCap());
        Map<String, String> events = events(profile);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<String, String> fn : events.entrySet()) {
                for (int t = 0; t < threads; t++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            invoke(lambda, fn.getKey(), fn.getValue());
                        }
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get(3, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("warming the local stage's functions failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return "warmed " + events.keySet() + " with " + threads + " × " + ROUNDS + " direct invocations each in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
    }

    private static void invoke(LambdaClient lambda, String function, String event) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(event)));
        if (response.functionError() != null) {
            throw new IllegalStateException(function + " failed its warm-up invocation: "
                    + response.payload().asUtf8String());
        }
    }

    /** One event per function: an authorizer gets its own kind of Allow event, every other function a JSON object. */
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
                byAuthorizerFunction.getOrDefault(logicalId, json(Map.of("metadata", "turnstile-warm-up")))));
        return events;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
