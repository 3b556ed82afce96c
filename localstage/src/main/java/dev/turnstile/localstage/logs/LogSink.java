package dev.turnstile.localstage.logs;

import java.util.List;

/**
 * Where the gateway (access and execution logs) and the execution environments (function logs) write
 * CloudWatch Logs events in-process. Implemented by the durable log store that also serves the
 * CloudWatch Logs API, so an event written here is readable with {@code CloudWatchLogsClient}.
 */
public interface LogSink {

    /** Creates the group if absent (idempotent), with an optional retention in days. */
    void ensureLogGroup(String logGroupName, Integer retentionDays);

    /** Creates the stream if absent (idempotent); creates the group too if absent. */
    void ensureLogStream(String logGroupName, String logStreamName);

    /**
     * Appends events to a stream, durably (on disk before this returns), in the given order.
     * Creates group and stream when absent.
     */
    void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events);

    /**
     * One log event.
     *
     * @param timestamp epoch milliseconds
     * @param message   the message (one line for access logs; function lines end with {@code \n} as Lambda's do)
     */
    record LogEvent(long timestamp, String message) { }
}
