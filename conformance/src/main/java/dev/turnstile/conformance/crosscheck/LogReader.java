package dev.turnstile.conformance.crosscheck;

import java.util.List;
import java.util.function.Consumer;

/** Reads a log group's events in a time window (CloudWatch {@code FilterLogEvents}, or an in-memory double). */
public interface LogReader {

    /** Every event of {@code group} with {@code startMs <= timestamp <= endMs}; a group that does not exist has none. */
    List<LogEvent> read(String group, long startMs, long endMs);

    /**
     * The same events handed to {@code action} as they are read, so a window of a million lines is never held
     * ({@link CloudWatchLogReader} reads pages of several sub-windows at once). {@code action} is called by one thread
     * at a time, in no particular order of events.
     */
    default void forEach(String group, long startMs, long endMs, Consumer<LogEvent> action) {
        read(group, startMs, endMs).forEach(action);
    }
}
