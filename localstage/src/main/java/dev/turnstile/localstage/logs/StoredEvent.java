package dev.turnstile.localstage.logs;

/**
 * A log event as the store keeps it: the {@link LogSink.LogEvent} that was put, when it was ingested and its
 * {@code sequence}, the store-wide ingestion order (1, 2, 3 … in journal order), so (timestamp, sequence) orders
 * events the way FilterLogEvents returns them: by timestamp, then ingestion.
 */
public record StoredEvent(LogSink.LogEvent event, long ingestionTime, long sequence) {

    /** The event's timestamp, epoch ms. */
    public long timestamp() {
        return event.timestamp();
    }

    public String message() {
        return event.message();
    }

    /** The event's position in (timestamp, sequence) order. */
    public EventPosition position() {
        return new EventPosition(event.timestamp(), sequence);
    }
}
