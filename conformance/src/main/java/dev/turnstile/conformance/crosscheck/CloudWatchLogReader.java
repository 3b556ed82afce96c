package dev.turnstile.conformance.crosscheck;

import dev.turnstile.stage.profile.StageProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@link LogReader} over CloudWatch Logs {@code FilterLogEvents}. A window is cut into sub-windows of at most a
 * minute, read {@link #PARALLEL} at a time, each page by page (a page is at most 10,000 events or 1 MB), every call
 * paced by {@link LogsRequestRate}; the events are handed on page by page, never collected, so a window of a
 * million lines costs a few pages of memory. Sub-windows are disjoint ({@code [a, b]}, {@code [b + 1, c]}, as
 * {@code endTime} is inclusive), so no event is read twice.
 */
public final class CloudWatchLogReader implements LogReader {

    /** Sub-windows read at once. */
    static final int PARALLEL = 4;
    /** The longest sub-window, ms. */
    static final long WINDOW_MS = 60_000;
    /** A longer window is read as one: split, a query for "all events" would be thousands of empty calls. */
    static final long MOST_SPLIT_MS = 86_400_000;

    private final CloudWatchLogsClient logs;
    private final LogsRequestRate rate;

    /** A reader paced for a deployed stage (AWS's quota, {@link LogsRequestRate}). */
    public CloudWatchLogReader(CloudWatchLogsClient logs) {
        this(logs, LogsRequestRate.forStage(false));
    }

    /** A reader paced as fits the stage's kind ({@link LogsRequestRate#forStage}). */
    public static CloudWatchLogReader forStage(StageProfile profile, CloudWatchLogsClient logs) {
        return new CloudWatchLogReader(logs, LogsRequestRate.forStage(profile.isLocal()));
    }

    public CloudWatchLogReader(CloudWatchLogsClient logs, LogsRequestRate rate) {
        this.logs = logs;
        this.rate = rate;
    }

    @Override
    public List<LogEvent> read(String group, long startMs, long endMs) {
        List<LogEvent> out = new ArrayList<>();
        forEach(group, startMs, endMs, out::add);
        return out;
    }

    @Override
    public void forEach(String group, long startMs, long endMs, Consumer<LogEvent> action) {
        if (endMs < startMs) {
            return;
        }
        Object lock = new Object();
        Consumer<LogEvent> serial = e -> {
            synchronized (lock) {
                action.accept(e);
            }
        };
        List<long[]> windows = new ArrayList<>();
        if (endMs - startMs > MOST_SPLIT_MS) {
            windows.add(new long[] {startMs, endMs}); // "everything": a run's windows are minutes, not days
        } else {
            for (long from = startMs; from <= endMs; from += WINDOW_MS) {
                windows.add(new long[] {from, Math.min(endMs, from + WINDOW_MS - 1)});
            }
        }
        if (windows.size() == 1) {
            window(group, startMs, endMs, serial);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, windows.size()), r -> {
            Thread t = new Thread(r, "turnstile-logs-window");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (long[] w : windows) {
                reads.add(pool.submit(() -> window(group, w[0], w[1], serial)));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + group, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void window(String group, long startMs, long endMs, Consumer<LogEvent> action) {
        String token = null;
        try {
            do {
                rate.acquire();
                String next = token;
                FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group).startTime(startMs)
                        .endTime(endMs).nextToken(next));
                for (FilteredLogEvent e : page.events()) {
                    action.accept(new LogEvent(e.eventId(), e.timestamp(), e.message()));
                }
                token = page.nextToken();
            } while (token != null);
        } catch (ResourceNotFoundException e) {
            // Lambda creates a function's group on its first invocation: no group means no events yet, which the
            // cross-check then reports as missing lines — nothing is hidden.
        }
    }
}
