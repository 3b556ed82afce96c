package dev.turnstile.localstage.logs;

/**
 * A snapshot of a log stream as DescribeLogStreams shows it; the event fields are null until the stream
 * has an event (AWS omits them for new streams).
 */
public record LogStreamInfo(String logStreamName, long creationTime, Long firstEventTimestamp,
                            Long lastEventTimestamp, Long lastIngestionTime, long storedBytes) { }
