package dev.turnstile.localstage.logs;

/**
 * One stored log event. {@code sequence} is the store-wide ingestion order (1, 2, 3 … in journal order), so
 * (timestamp, sequence) orders events the way FilterLogEvents returns them: by timestamp, then ingestion.
 */
public record StoredEvent(long timestamp, long ingestionTime, long sequence, String message) {

    /** The event's position in (timestamp, sequence) order. */
    public EventPosition position() {
        return new EventPosition(timestamp, sequence);
    }
}
