package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One invocation on its way through an execution environment: its request id, event, the caller's future,
 * and the log events gathered between {@code START} and {@code END}. Mutable state is guarded by the
 * environment that runs it.
 */
final class Invocation {

    final String requestId;
    final byte[] payload;
    /** The caller's X-Ray trace header for {@code Lambda-Runtime-Trace-Id}; null for a fresh trace. */
    final String traceHeader;
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    /** Log events of this invocation, flushed to the stream at its end (one PutLogEvents per invocation). */
    final List<LogEvent> logEvents = new ArrayList<>();
    /** {@link System#nanoTime()} when the runtime received the event; 0 until then. */
    long startNanos;
    ScheduledFuture<?> timeoutTask;

    Invocation(String requestId, byte[] payload, String traceHeader) {
        this.requestId = requestId;
        this.payload = payload;
        this.traceHeader = traceHeader;
    }
}
