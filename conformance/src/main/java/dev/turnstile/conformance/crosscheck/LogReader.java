package dev.turnstile.conformance.crosscheck;

import java.util.List;

/** Reads a log group's events in a time window (CloudWatch {@code FilterLogEvents}, or an in-memory double). */
public interface LogReader {

    /** Every event of {@code group} with {@code startMs <= timestamp <= endMs}; a group that does not exist has none. */
    List<LogEvent> read(String group, long startMs, long endMs);
}
