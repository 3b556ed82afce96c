package dev.turnstile.localstage.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.stage.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's internal queue for asynchronous ({@code Event}) invocations: each event is journaled as one file under
 * {@code <dataDir>/lambda/async/} before the caller gets 202, run on the function's environments, retried twice
 * on a function error (same request id each time, so an idempotent writer stores it once), re-queued while
 * throttled (up to the maximum event age), and removed when done. Events left when the stage stops run at the
 * next start.
 */
final class AsyncInvocationQueue {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocationQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Delay before retrying a throttled event when no retry delay is configured. */
    private static final Duration THROTTLE_RETRY = Duration.ofSeconds(1);

    /** One journaled event. */
    record QueuedEvent(String requestId, String function, byte[] payload, int attempts, long enqueuedAtMillis) {
        QueuedEvent withAttempts(int value) {
            return new QueuedEvent(requestId, function, payload, value, enqueuedAtMillis);
        }
    }

    private final Path dir;
    private final LambdaService service;
    private final ScheduledExecutorService scheduler;
    private final List<Duration> retryDelays;
    private final Duration maxEventAge;
    private final Clock clock;
    private final Map<String, QueuedEvent> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    AsyncInvocationQueue(Path dir, LambdaService service, ScheduledExecutorService scheduler, List<Duration> retryDelays,
                         Duration maxEventAge, Clock clock) {
        this.dir = dir;
        this.service = service;
        this.scheduler = scheduler;
        this.retryDelays = List.copyOf(retryDelays);
        this.maxEventAge = maxEventAge;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the asynchronous invocation journal " + dir, e);
        }
    }

    /** Journals the event (on disk before this returns) and schedules it; returns its Lambda request id. */
    String enqueue(String function, byte[] payload) {
        QueuedEvent event = new QueuedEvent(UUID.randomUUID().toString(), function, payload, 0, clock.millis());
        journal(event);
        schedule(event, Duration.ZERO);
        return event.requestId();
    }

    /** Schedules every event journaled by an earlier run. */
    void resume() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                QueuedEvent event = JSON.readValue(file.toFile(), QueuedEvent.class);
                LOG.info("resuming asynchronous invocation {} of {} (attempts so far: {})", event.requestId(),
                        event.function(), event.attempts());
                schedule(event, Duration.ZERO);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the asynchronous invocation journal " + dir, e);
        }
    }

    int pending() {
        return pending.size();
    }

    /** Stops running events; the journal keeps them for the next start. */
    void close() {
        closed = true;
    }

    private void schedule(QueuedEvent event, Duration delay) {
        pending.put(event.requestId(), event);
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> attempt(event), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the service is stopping: the event stays journaled and runs at the next start
        }
    }

    private void attempt(QueuedEvent event) {
        if (closed) {
            return;
        }
        service.invokeAs(event.requestId(), event.function(), event.payload(), null)
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        LOG.error("asynchronous invocation {} of {} failed unexpectedly", event.requestId(),
                                event.function(), failure);
                        retryOrDiscard(event, "unexpected failure " + failure);
                    } else {
                        onResult(event, result);
                    }
                });
    }

    private void onResult(QueuedEvent event, InvocationResult result) {
        if (closed && result.outcome() != Outcome.SUCCESS) {
            return; // stopped under it: it runs again at the next start
        }
        switch (result.outcome()) {
            case SUCCESS -> done(event);
            case NOT_FOUND -> {
                LOG.warn("asynchronous invocation {} discarded: function {} no longer exists", event.requestId(), event.function());
                done(event);
            }
            case THROTTLED -> {
                if (clock.millis() - event.enqueuedAtMillis() >= maxEventAge.toMillis()) {
                    LOG.warn("asynchronous invocation {} of {} discarded: throttled beyond the maximum event age {}",
                            event.requestId(), event.function(), maxEventAge);
                    done(event);
                } else {
                    schedule(event, retryDelays.isEmpty() ? THROTTLE_RETRY : retryDelays.get(0));
                }
            }
            default -> retryOrDiscard(event, result.errorType() + ": " + result.errorMessage());
        }
    }

    private void retryOrDiscard(QueuedEvent event, String why) {
        int attempts = event.attempts() + 1;
        if (attempts > retryDelays.size()) {
            LOG.warn("asynchronous invocation {} of {} discarded after {} attempts; last error {}", event.requestId(),
                    event.function(), attempts, why);
            done(event);
            return;
        }
        QueuedEvent next = event.withAttempts(attempts);
        journal(next);
        schedule(next, retryDelays.get(attempts - 1));
    }

    private void done(QueuedEvent event) {
        pending.remove(event.requestId());
        try {
            Files.deleteIfExists(file(event));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove finished asynchronous invocation " + file(event), e);
        }
    }

    private void journal(QueuedEvent event) {
        try {
            AtomicFile.write(file(event), JSON.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal asynchronous invocation " + event.requestId() + " in " + dir, e);
        }
    }

    private Path file(QueuedEvent event) {
        return dir.resolve(event.requestId() + ".json");
    }
}
