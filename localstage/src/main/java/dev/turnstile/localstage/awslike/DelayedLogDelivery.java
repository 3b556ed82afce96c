package dev.turnstile.localstage.awslike;

import dev.turnstile.localstage.logs.LogSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log delivery as CloudWatch Logs does it for API Gateway and Lambda: a batch of events becomes readable through
 * {@code FilterLogEvents} / {@code GetLogEvents} only some time after it was written, each batch after its own
 * delay drawn from a range (seeded, so a run repeats), so batches may become visible out of order
 * (docs/aws-behaviour.md §15.1). Groups and streams are created at once; events keep their own timestamps and get
 * their ingestion time when they are delivered.
 *
 * <p>Time is the stage clock's: a test advances it and calls {@link #deliverDue}; a running stage delivers from a
 * ticker every {@value #TICK_MILLIS} ms. Undelivered events live in memory only — a {@code kill -9} loses them, as
 * an agent's buffer would; {@link #close()} delivers everything still pending.
 */
public final class DelayedLogDelivery extends ForwardingLogSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DelayedLogDelivery.class);
    static final long TICK_MILLIS = 50;

    private final Clock clock;
    private final DelayRange delay;
    private final Random random;
    private final PriorityQueue<Batch> pending = new PriorityQueue<>();
    private final ScheduledExecutorService ticker;
    private long order;
    private boolean closed;

    private DelayedLogDelivery(LogSink target, Clock clock, DelayRange delay, long seed, boolean tick) {
        super(target);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.random = new Random(seed);
        if (tick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aws-like-log-delivery");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** A delivery that delivers by itself, every {@value #TICK_MILLIS} ms of wall time. */
    public static DelayedLogDelivery start(LogSink target, Clock clock, DelayRange delay, long seed) {
        return new DelayedLogDelivery(target, clock, delay, seed, true);
    }

    /** A delivery that delivers only when {@link #deliverDue} is called (tests). */
    public static DelayedLogDelivery manual(LogSink target, Clock clock, DelayRange delay, long seed) {
        return new DelayedLogDelivery(target, clock, delay, seed, false);
    }

    @Override
    public void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<LogEvent> batch = List.copyOf(events);
        synchronized (this) {
            if (!closed) {
                long due = clock.millis() + delay.drawMillis(random);
                pending.add(new Batch(due, ++order, logGroupName, logStreamName, batch));
                return;
            }
        }
        target.putLogEvents(logGroupName, logStreamName, batch);
    }

    /** Delivers every batch due at {@code nowMillis}, earliest first; returns how many batches. */
    public int deliverDue(long nowMillis) {
        List<Batch> due = new ArrayList<>();
        synchronized (this) {
            while (!pending.isEmpty() && pending.peek().dueMillis <= nowMillis) {
                due.add(pending.poll());
            }
        }
        for (Batch b : due) {
            target.putLogEvents(b.group, b.stream, b.events);
        }
        return due.size();
    }

    /** Batches written and not yet delivered. */
    public synchronized int pendingBatches() {
        return pending.size();
    }

    private void tick() {
        try {
            deliverDue(clock.millis());
        } catch (RuntimeException e) {
            LOG.error("AWS-like log delivery failed; the batches stay pending", e);
        }
    }

    /** Stops the ticker and delivers everything still pending. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closed = true;
        }
        deliverDue(Long.MAX_VALUE);
    }

    /** One put waiting for its delivery time; ordered by due time, then by write order. */
    private record Batch(long dueMillis, long order, String group, String stream, List<LogEvent> events)
            implements Comparable<Batch> {
        @Override
        public int compareTo(Batch o) {
            int c = Long.compare(dueMillis, o.dueMillis);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
