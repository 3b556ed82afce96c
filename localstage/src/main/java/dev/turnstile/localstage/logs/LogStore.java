package dev.turnstile.localstage.logs;

import dev.turnstile.localstage.logs.JournalRecord.EventsAppended;
import dev.turnstile.localstage.logs.JournalRecord.GroupCreated;
import dev.turnstile.localstage.logs.JournalRecord.GroupDeleted;
import dev.turnstile.localstage.logs.JournalRecord.RetentionSet;
import dev.turnstile.localstage.logs.JournalRecord.StreamCreated;
import dev.turnstile.localstage.logs.JournalRecord.StreamDeleted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The durable CloudWatch Logs store: every change is appended to {@code <dir>/journal.bin} (see
 * {@link LogJournal}) before it becomes visible, and every group, stream and event is kept in memory for
 * reads. Reopening the directory replays the journal, so after a crash every event a reader could see is
 * still there, in order.
 *
 * <p>One read-write lock: writers (a journal append of a few microseconds plus an in-memory insert) are
 * serialised, which is also what keeps the journal order equal to the visible order; readers copy the
 * events they need under the read lock and match filter patterns outside it, so a slow filter never holds
 * up the gateway's access log.
 */
public final class LogStore implements LogSink, AutoCloseable {

    /** Log group class of groups created without one (AWS's default). */
    public static final String STANDARD = "STANDARD";
    private static final String JOURNAL = "journal.bin";

    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, LogGroupState> groups = new TreeMap<>();
    private final LogJournal journal;
    private final ConcurrentLinkedQueue<PendingAppend> appendQueue = new ConcurrentLinkedQueue<>();
    private long lastSequence;
    private boolean closed;

    private LogStore(Path directory, Clock clock) {
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + directory, e);
        }
        this.journal = LogJournal.open(directory.resolve(JOURNAL), this::apply);
    }

    /** Opens the store on a directory (usually {@code <dataDir>/logs}), replaying what it holds. */
    public static LogStore open(Path directory, Clock clock) {
        return new LogStore(Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(clock, "clock"));
    }

    /** The store's clock (ingestion times, PutLogEvents age checks). */
    public Clock clock() {
        return clock;
    }

    // ---- LogSink: in-process writers; create what is missing ----

    @Override
    public void ensureLogGroup(String logGroupName, Integer retentionDays) {
        requireName(logGroupName, "logGroupName");
        write(() -> {
            if (!groups.containsKey(logGroupName)) {
                commit(new GroupCreated(logGroupName, clock.millis(), retentionDays == null ? 0 : retentionDays,
                        STANDARD));
            }
        });
    }

    @Override
    public void ensureLogStream(String logGroupName, String logStreamName) {
        requireName(logGroupName, "logGroupName");
        requireName(logStreamName, "logStreamName");
        write(() -> ensureStreamLocked(logGroupName, logStreamName));
    }

    @Override
    public void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
        requireName(logGroupName, "logGroupName");
        requireName(logStreamName, "logStreamName");
        List<LogEvent> batch = List.copyOf(Objects.requireNonNull(events, "events"));
        if (batch.isEmpty()) {
            return;
        }
        // Group commit: the record is encoded outside the lock; whichever writer takes the lock first writes
        // every queued batch with one gathering write. Under many concurrent writers (the gateway's access
        // and execution logs at thousands of requests per second) this turns N syscalls under the lock into
        // one, while each batch is still on the OS before any of them becomes visible.
        EventsAppended record = new EventsAppended(logGroupName, logStreamName, clock.millis(), batch);
        PendingAppend pending = new PendingAppend(record, LogJournal.frame(record));
        appendQueue.add(pending);
        lock.writeLock().lock();
        try {
            if (!pending.done) {
                if (closed) {
                    appendQueue.remove(pending);
                    throw new IllegalStateException("the log store is closed");
                }
                drainAppends();
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (pending.failure != null) {
            throw pending.failure;
        }
    }

    /** Writes and applies every queued append, in queue order. Called with the write lock held. */
    private void drainAppends() {
        List<PendingAppend> drained = new ArrayList<>();
        for (PendingAppend next = appendQueue.poll(); next != null; next = appendQueue.poll()) {
            drained.add(next);
        }
        try {
            ByteBuffer[] frames = new ByteBuffer[drained.size()];
            for (int i = 0; i < frames.length; i++) {
                EventsAppended record = drained.get(i).record;
                // creating a missing group/stream commits its own record first, so it precedes the events
                ensureStreamLocked(record.group(), record.stream());
                frames[i] = drained.get(i).frame;
            }
            journal.append(frames);
            for (PendingAppend p : drained) {
                apply(p.record);
            }
        } catch (RuntimeException e) {
            for (PendingAppend p : drained) {
                p.failure = e;
            }
        } finally {
            for (PendingAppend p : drained) {
                p.done = true;
            }
        }
    }

    /** One batch waiting for the group commit. */
    private static final class PendingAppend {
        final EventsAppended record;
        final ByteBuffer frame;
        /** Written and applied (or failed); set under the write lock, read by the owner after taking it. */
        boolean done;
        RuntimeException failure;

        PendingAppend(EventsAppended record, ByteBuffer frame) {
            this.record = record;
            this.frame = frame;
        }
    }

    // ---- service operations: strict, AWS errors ----

    /** CreateLogGroup. */
    public void createLogGroup(String logGroupName, String logGroupClass) {
        write(() -> {
            if (groups.containsKey(logGroupName)) {
                throw LogsException.groupExists();
            }
            commit(new GroupCreated(logGroupName, clock.millis(), 0, logGroupClass == null ? STANDARD : logGroupClass));
        });
    }

    /** DeleteLogGroup: the group, its streams and their events. */
    public void deleteLogGroup(String logGroupName) {
        write(() -> {
            group(logGroupName);
            commit(new GroupDeleted(logGroupName));
        });
    }

    /** PutRetentionPolicy; the caller validates {@code days}. */
    public void putRetentionPolicy(String logGroupName, int days) {
        if (days <= 0) {
            throw new IllegalArgumentException("retention must be positive: " + days);
        }
        write(() -> {
            group(logGroupName);
            commit(new RetentionSet(logGroupName, days));
        });
    }

    /** DeleteRetentionPolicy. */
    public void deleteRetentionPolicy(String logGroupName) {
        write(() -> {
            group(logGroupName);
            commit(new RetentionSet(logGroupName, 0));
        });
    }

    /** CreateLogStream. */
    public void createLogStream(String logGroupName, String logStreamName) {
        write(() -> {
            if (group(logGroupName).streams.containsKey(logStreamName)) {
                throw LogsException.streamExists();
            }
            commit(new StreamCreated(logGroupName, logStreamName, clock.millis()));
        });
    }

    /** DeleteLogStream. */
    public void deleteLogStream(String logGroupName, String logStreamName) {
        write(() -> {
            stream(logGroupName, logStreamName);
            commit(new StreamDeleted(logGroupName, logStreamName));
        });
    }

    /**
     * PutLogEvents after validation: appends to an existing stream, failing with ResourceNotFound otherwise.
     * Returns the ingestion time.
     */
    public long appendLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
        List<LogEvent> batch = List.copyOf(events);
        long[] ingestion = new long[1];
        write(() -> {
            stream(logGroupName, logStreamName);
            ingestion[0] = clock.millis();
            if (!batch.isEmpty()) {
                commit(new EventsAppended(logGroupName, logStreamName, ingestion[0], batch));
            }
        });
        return ingestion[0];
    }

    // ---- reads ----

    /** Every group, sorted by name. */
    public List<LogGroupInfo> logGroups() {
        lock.readLock().lock();
        try {
            List<LogGroupInfo> result = new ArrayList<>(groups.size());
            groups.values().forEach(g -> result.add(g.info()));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One group, if it exists. */
    public Optional<LogGroupInfo> logGroup(String logGroupName) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(groups.get(logGroupName)).map(LogGroupState::info);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The group's streams sorted by name; ResourceNotFound when the group does not exist. */
    public List<LogStreamInfo> logStreams(String logGroupName) {
        lock.readLock().lock();
        try {
            List<LogStreamInfo> result = new ArrayList<>();
            group(logGroupName).streams.values().forEach(s -> result.add(s.info()));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * At most {@code limit} events of one stream in [from, to) in (timestamp, sequence) order: the first ones
     * when {@code fromHead}, else the last ones.
     */
    public List<StoredEvent> events(String logGroupName, String logStreamName, EventPosition from, EventPosition to,
                                    int limit, boolean fromHead) {
        lock.readLock().lock();
        try {
            return stream(logGroupName, logStreamName).slice(from, to, limit, fromHead);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The events in [from, to) of every selected stream of a group, by stream name (sorted). */
    public Map<String, List<StoredEvent>> events(String logGroupName, Predicate<String> streamSelector,
                                                 EventPosition from, EventPosition to) {
        lock.readLock().lock();
        try {
            Map<String, List<StoredEvent>> result = new LinkedHashMap<>();
            for (LogStreamState stream : group(logGroupName).streams.values()) {
                if (streamSelector.test(stream.name)) {
                    result.put(stream.name, stream.slice(from, to, Integer.MAX_VALUE, true));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Forces the journal to disk (the store does so on close; callers need this only for checkpoints). */
    public void sync() {
        write(journal::sync);
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                journal.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- internals ----

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the log store is closed");
            }
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureStreamLocked(String group, String stream) {
        LogGroupState state = groups.get(group);
        if (state == null) {
            commit(new GroupCreated(group, clock.millis(), 0, STANDARD));
            state = groups.get(group);
        }
        if (!state.streams.containsKey(stream)) {
            commit(new StreamCreated(group, stream, clock.millis()));
        }
    }

    /** Durable first, then visible. Called with the write lock held. */
    private void commit(JournalRecord record) {
        ByteBuffer frame = LogJournal.frame(record);
        journal.append(frame);
        apply(record);
    }

    /** Applies a record to memory: live (under the write lock) and on replay (in the constructor). */
    private void apply(JournalRecord record) {
        if (record instanceof GroupCreated r) {
            groups.put(r.group(), new LogGroupState(r.group(), r.creationTime(), r.retentionDays(), r.logGroupClass()));
        } else if (record instanceof GroupDeleted r) {
            groups.remove(r.group());
        } else if (record instanceof RetentionSet r) {
            replayedGroup(r.group()).retentionDays = r.retentionDays();
        } else if (record instanceof StreamCreated r) {
            replayedGroup(r.group()).streams.put(r.stream(), new LogStreamState(r.stream(), r.creationTime()));
        } else if (record instanceof StreamDeleted r) {
            replayedGroup(r.group()).streams.remove(r.stream());
        } else if (record instanceof EventsAppended r) {
            LogStreamState stream = replayedGroup(r.group()).streams.get(r.stream());
            if (stream == null) {
                throw new IllegalStateException("log journal is inconsistent: events for missing stream "
                        + r.group() + " / " + r.stream());
            }
            for (LogEvent event : r.events()) {
                stream.add(new StoredEvent(event, r.ingestionTime(), ++lastSequence),
                        Utf8.length(event.message()));
            }
        } else {
            throw new IllegalArgumentException("unknown journal record " + record);
        }
    }

    private LogGroupState replayedGroup(String name) {
        LogGroupState group = groups.get(name);
        if (group == null) {
            throw new IllegalStateException("log journal is inconsistent: missing log group " + name);
        }
        return group;
    }

    private LogGroupState group(String name) {
        LogGroupState group = groups.get(name);
        if (group == null) {
            throw LogsException.groupNotFound();
        }
        return group;
    }

    private LogStreamState stream(String group, String stream) {
        LogStreamState state = group(group).streams.get(stream);
        if (state == null) {
            throw LogsException.streamNotFound();
        }
        return state;
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
