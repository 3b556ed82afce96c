package dev.turnstile.reports.input;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Where the report gets the stage's access-log lines for a window. */
@FunctionalInterface
public interface AccessLogSource {

    /** Raw access-log messages with request times in [from, to), in any order. */
    List<String> read(Instant from, Instant to);

    /**
     * The same messages handed to {@code action} as they are read, one thread at a time, so a day of access logs is
     * never held as text ({@link CloudWatchAccessLogs} reads pages of several windows at once).
     */
    default void forEach(Instant from, Instant to, Consumer<String> action) {
        read(from, to).forEach(action);
    }
}
