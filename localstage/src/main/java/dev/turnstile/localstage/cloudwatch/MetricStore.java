package dev.turnstile.localstage.cloudwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable CloudWatch metric store of a local stage: every value is in {@code <dir>/journal.bin}
 * ({@link MetricJournal}) before a reader can see it, and in memory per series and minute for the queries; reopening
 * the directory replays the journal, so metrics survive a restart as the logs do.
 *
 * <p>Writers batch themselves: each {@link #record} queues its encoded entry, and whichever writer takes the lock
 * first writes every queued entry with one system call, then makes them visible in queue order. Readers take the read
 * lock and copy what they aggregate.
 */
public final class MetricStore implements MetricSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricStore.class);
    private static final long MINUTE = 60_000;

    /** One metric and unit: its values per minute (start of the minute, epoch ms). */
    private static final class Series {
        final MetricKey key;
        final String unit;
        final TreeMap<Long, ValueCounts> minutes = new TreeMap<>();
        long lastMillis = Long.MIN_VALUE;

        Series(MetricKey key, String unit) {
            this.key = key;
            this.unit = unit;
        }

        void add(long timestampMillis, double value) {
            minutes.computeIfAbsent(Math.floorDiv(timestampMillis, MINUTE) * MINUTE, m -> new ValueCounts()).add(value);
            lastMillis = Math.max(lastMillis, timestampMillis);
        }
    }

    /** A metric as {@code ListMetrics} sees it: key, unit and the time of its latest value. */
    public record SeriesView(MetricKey key, String unit, long lastMillis) { }

    private record SeriesRef(MetricKey key, String unit) { }

    /**
     * A queued entry, what it changes in memory once it is written, and whether it was: {@code written} completes
     * (normally or with the failure) under the write lock.
     */
    private record Pending(ByteBuffer entry, Runnable apply, CompletableFuture<Void> written) {
        Pending(ByteBuffer entry, Runnable apply) {
            this(entry, apply, new CompletableFuture<>());
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<SeriesRef, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    // guarded by lock
    private final Map<Integer, Series> byId = new HashMap<>();
    private final Map<MetricKey, List<Series>> byKey = new HashMap<>();
    private final MetricJournal journal;
    private boolean closed;

    private MetricStore(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the metrics directory " + directory, e);
        }
        this.journal = MetricJournal.open(directory.resolve("journal.bin"), new MetricJournal.Reader() {
            @Override
            public void series(int id, MetricKey key, String unit) {
                ids.put(new SeriesRef(key, unit), id);
                nextId.set(Math.max(nextId.get(), id + 1));
                define(id, key, unit);
            }

            @Override
            public void values(long timestampMillis, int[] seriesIds, double[] values) {
                apply(timestampMillis, seriesIds, values);
            }
        });
    }

    /** Opens the store on a directory (the stage's {@code <dataDir>/metrics}), replaying what it holds. */
    public static MetricStore open(Path directory) {
        return new MetricStore(Objects.requireNonNull(directory, "directory"));
    }

    @Override
    public void record(long timestampMillis, List<MetricDatum> data) {
        if (data.isEmpty()) {
            return;
        }
        int[] seriesIds = new int[data.size()];
        double[] values = new double[data.size()];
        for (int i = 0; i < seriesIds.length; i++) {
            MetricDatum d = data.get(i);
            seriesIds[i] = idOf(d.key(), d.unit());
            values[i] = d.value();
        }
        commit(new Pending(MetricJournal.valuesEntry(timestampMillis, seriesIds, values),
                () -> apply(timestampMillis, seriesIds, values)));
    }

    /**
     * Queues {@code pending} and returns once it is written: this writer writes the queue itself unless another one
     * already took it along.
     */
    private void commit(Pending pending) {
        queue.add(pending);
        lock.writeLock().lock();
        try {
            if (!closed) {
                writeQueued();
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (!pending.written().isDone()) {
            queue.remove(pending); // queued after close() wrote the last batch
            throw new IllegalStateException("the metric store is closed");
        }
        try {
            pending.written().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** Every metric with its unit and latest value time. */
    public List<SeriesView> series() {
        lock.readLock().lock();
        try {
            List<SeriesView> out = new ArrayList<>(byId.size());
            byId.values().forEach(s -> out.add(new SeriesView(s.key, s.unit, s.lastMillis)));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The values of {@code key} (only those recorded in {@code unit}, unless it is null) whose minute starts in
     * {@code [startMillis, endMillis)}, merged into periods of {@code periodMillis} that start at
     * {@code startMillis}; keyed by period start. Periods without values are absent.
     */
    NavigableMap<Long, ValueCounts> aggregate(MetricKey key, String unit, long startMillis, long endMillis,
                                              long periodMillis) {
        NavigableMap<Long, ValueCounts> out = new TreeMap<>();
        lock.readLock().lock();
        try {
            for (Series s : byKey.getOrDefault(key, List.of())) {
                if (unit != null && !unit.equals(s.unit)) {
                    continue;
                }
                s.minutes.subMap(startMillis, true, endMillis, false).forEach((minute, values) -> {
                    long period = startMillis + Math.floorDiv(minute - startMillis, periodMillis) * periodMillis;
                    out.computeIfAbsent(period, p -> new ValueCounts()).addAll(values);
                });
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    /** The unit {@code key} was recorded in (the first one, should a metric have several), or null. */
    String unitOf(MetricKey key) {
        lock.readLock().lock();
        try {
            List<Series> all = byKey.getOrDefault(key, List.of());
            return all.isEmpty() ? null : all.get(0).unit;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writeQueued();
            journal.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The id of a series, defining it (journal entry first) the first time it is seen. */
    private int idOf(MetricKey key, String unit) {
        return ids.computeIfAbsent(new SeriesRef(key, unit), ref -> {
            int id = nextId.getAndIncrement();
            // queued before the id is visible to any other writer, so the definition precedes every use in the file
            queue.add(new Pending(MetricJournal.seriesEntry(id, key, unit), () -> define(id, key, unit)));
            return id;
        });
    }

    /** Writes every queued entry in one call and applies them in order. Called with the write lock held. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            journal.write(batch.stream().map(Pending::entry).toList());
            batch.forEach(p -> p.apply().run());
            batch.forEach(p -> p.written().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.written().completeExceptionally(e));
        }
    }

    private void define(int id, MetricKey key, String unit) {
        Series s = new Series(key, unit);
        byId.put(id, s);
        byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(s);
    }

    private void apply(long timestampMillis, int[] seriesIds, double[] values) {
        for (int i = 0; i < seriesIds.length; i++) {
            Series s = byId.get(seriesIds[i]);
            if (s == null) {
                // only possible when the definition's write failed earlier: the value has no metric to belong to
                LOG.warn("metric value for undefined series {} dropped", seriesIds[i]);
                continue;
            }
            s.add(timestampMillis, values[i]);
        }
    }
}
