package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.usageplan.UsageDecision;
import dev.turnstile.localstage.usageplan.UsagePlanEnforcer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** In-memory doubles of the gateway's collaborators. */
final class Doubles {

    private Doubles() {
    }

    static InvocationResult success(String json) {
        return new InvocationResult(InvocationResult.Outcome.SUCCESS, json.getBytes(StandardCharsets.UTF_8), null, null,
                "lambda-req-1", 1.0);
    }

    static InvocationResult failure(InvocationResult.Outcome outcome, String message) {
        String payload = "{\"errorMessage\":\"" + message + "\",\"errorType\":\"java.lang.RuntimeException\"}";
        return new InvocationResult(outcome, payload.getBytes(StandardCharsets.UTF_8), message,
                "java.lang.RuntimeException", "lambda-req-1", 1.0);
    }

    static String allowPolicy(String resource) {
        return "{\"principalId\":\"user-1\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":"
                + "\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"" + resource + "\"}]},"
                + "\"context\":{\"tier\":\"gold\",\"n\":7,\"b\":true}}";
    }

    /** A Lambda double: one answer function per function logical id; records every event. */
    static final class FakeInvoker implements LambdaInvoker {
        final Map<String, Function<String, CompletableFuture<InvocationResult>>> functions = new HashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> events = new ConcurrentHashMap<>();

        FakeInvoker answer(String function, Function<String, InvocationResult> answer) {
            functions.put(function, e -> CompletableFuture.completedFuture(answer.apply(e)));
            return this;
        }

        FakeInvoker answerAsync(String function, Function<String, CompletableFuture<InvocationResult>> answer) {
            functions.put(function, answer);
            return this;
        }

        /** The trace header of each invocation, in order (null when the caller passed none). */
        final List<String> traces = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<InvocationResult> invoke(String function, byte[] payload, String traceHeader) {
            String event = new String(payload, StandardCharsets.UTF_8);
            calls.add(function);
            traces.add(String.valueOf(traceHeader));
            events.computeIfAbsent(function, k -> new CopyOnWriteArrayList<>()).add(event);
            var answer = functions.get(function);
            if (answer == null) {
                throw new AssertionError("unexpected invocation of " + function);
            }
            return answer.apply(event);
        }

        long count(String function) {
            return calls.stream().filter(function::equals).count();
        }

        String lastEvent(String function) {
            List<String> list = events.get(function);
            return list.get(list.size() - 1);
        }
    }

    /** A usage-plan double answering a fixed verdict; records the keys it saw. */
    static final class FakeEnforcer implements UsagePlanEnforcer {
        volatile UsageDecision.Verdict verdict = UsageDecision.Verdict.ADMITTED;
        final List<String> keys = new CopyOnWriteArrayList<>();

        @Override
        public UsageDecision check(Route route, String apiKeyValue) {
            keys.add(String.valueOf(apiKeyValue));
            return switch (verdict) {
                case ADMITTED -> new UsageDecision(verdict, "keyid12345", "plan01", null);
                case NOT_METERED -> new UsageDecision(verdict, null, null, null);
                case INVALID_API_KEY -> new UsageDecision(verdict, null, null, "unknown key");
                case THROTTLED -> new UsageDecision(verdict, "keyid12345", "plan01",
                        "Key throttle limit exceeded for Usage Plan ID plan01. Limit: 10.00 Burst: 20");
                case QUOTA_EXCEEDED -> new UsageDecision(verdict, "keyid12345", "plan01",
                        "Key quota exhausted for Usage Plan ID plan01. Limit: 500 Period: DAY");
            };
        }
    }

    /** A log store in memory. */
    static final class MemoryLogSink implements LogSink {
        final Map<String, List<LogEvent>> byGroup = new ConcurrentHashMap<>();
        final Map<String, Integer> groups = new ConcurrentHashMap<>();
        final List<String> streams = new CopyOnWriteArrayList<>();

        @Override
        public void ensureLogGroup(String logGroupName, Integer retentionDays) {
            groups.put(logGroupName, retentionDays == null ? -1 : retentionDays);
        }

        @Override
        public void ensureLogStream(String logGroupName, String logStreamName) {
            streams.add(logGroupName + ":" + logStreamName);
        }

        @Override
        public void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
            byGroup.computeIfAbsent(logGroupName, k -> new CopyOnWriteArrayList<>()).addAll(events);
        }

        List<String> messages(String group) {
            List<String> out = new ArrayList<>();
            for (LogEvent e : byGroup.getOrDefault(group, List.of())) {
                out.add(e.message());
            }
            return out;
        }
    }
}
