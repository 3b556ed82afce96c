package dev.turnstile.bench.scale;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call any SDK client of this JVM makes, by {@code Service.Operation}, retries included: the
 * SDK loads it for every client from {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the
 * class path, so the commands the scaling benchmark measures run unchanged. With
 * {@code -Dturnstile.bench.calls=true} the counts are printed to stderr when the JVM exits.
 */
public final class AwsCallCounter implements ExecutionInterceptor {

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    static {
        if (Boolean.getBoolean("turnstile.bench.calls")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("AWS calls: " + counts())));
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // once per HTTP attempt, so an SDK retry counts as the call it is
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** Calls so far, by {@code Service.Operation}, with {@code total}. */
    public static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        CALLS.forEach((k, v) -> counts.put(k, v.sum()));
        counts.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        return counts;
    }
}
