package dev.turnstile.reports.input;

import java.time.Instant;
import java.util.List;

/** Where the report gets the stage's access-log lines for a window. */
@FunctionalInterface
public interface AccessLogSource {

    /** Raw access-log messages with request times in [from, to), in any order. */
    List<String> read(Instant from, Instant to);
}
