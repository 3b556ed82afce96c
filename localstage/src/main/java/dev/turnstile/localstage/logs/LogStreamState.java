package dev.turnstile.localstage.logs;

import java.util.ArrayList;
import java.util.List;

/** A stream's in-memory events, kept in (timestamp, sequence) order, and its counters. Guarded by the store. */
final class LogStreamState {

    final String name;
    final long creationTime;
    private final ArrayList<StoredEvent> events = new ArrayList<>();
    private long firstEventTimestamp = Long.MAX_VALUE;
    private long lastEventTimestamp = Long.MIN_VALUE;
    private long lastIngestionTime = Long.MIN_VALUE;
    private long storedBytes;

    LogStreamState(String name, long creationTime) {
        this.name = name;
        this.creationTime = creationTime;
    }

    /** Sequences only grow, so an event goes after every event with a timestamp &lt;= its own. */
    void add(StoredEvent event, int utf8Bytes) {
        int size = events.size();
        if (size == 0 || events.get(size - 1).timestamp() <= event.timestamp()) {
            events.add(event);
        } else {
            events.add(indexOf(new EventPosition(event.timestamp() + 1, 0)), event);
        }
        firstEventTimestamp = Math.min(firstEventTimestamp, event.timestamp());
        lastEventTimestamp = Math.max(lastEventTimestamp, event.timestamp());
        lastIngestionTime = Math.max(lastIngestionTime, event.ingestionTime());
        storedBytes += utf8Bytes;
    }

    /** Index of the first event at or after {@code position}. */
    int indexOf(EventPosition position) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).position().compareTo(position) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * A copy of at most {@code limit} events in [from, to): the first ones when {@code fromHead}, else the
     * last ones.
     */
    List<StoredEvent> slice(EventPosition from, EventPosition to, int limit, boolean fromHead) {
        int start = indexOf(from);
        int end = Math.max(start, indexOf(to));
        if (end - start > limit) {
            if (fromHead) {
                end = start + limit;
            } else {
                start = end - limit;
            }
        }
        return new ArrayList<>(events.subList(start, end));
    }

    long storedBytes() {
        return storedBytes;
    }

    LogStreamInfo info() {
        boolean empty = events.isEmpty();
        return new LogStreamInfo(name, creationTime, empty ? null : firstEventTimestamp,
                empty ? null : lastEventTimestamp, empty ? null : lastIngestionTime, storedBytes);
    }
}
