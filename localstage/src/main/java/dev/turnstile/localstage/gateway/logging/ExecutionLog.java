package dev.turnstile.localstage.gateway.logging;

import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution-log lines of one request, collected while it runs and written in one batch at the end.
 * The level is the matched method's {@code loggingLevel} (the stage-wide setting until routing decides);
 * callers check {@link #infoEnabled()} before building costly lines.
 */
public final class ExecutionLog {

    /** Execution logging level of a method setting. */
    public enum Level {
        OFF, ERROR, INFO;

        /** A method setting's {@code LoggingLevel} (OFF, ERROR or INFO, as the template reader checked); null means OFF. */
        public static Level parse(String value) {
            return value == null ? OFF : valueOf(value);
        }
    }

    private Level level;
    private boolean suppressed;
    private List<LogEvent> lines;

    public ExecutionLog(Level level) {
        this.level = level;
    }

    public void level(Level value) {
        this.level = value;
    }

    public Level level() {
        return level;
    }

    public boolean infoEnabled() {
        return level == Level.INFO && !suppressed;
    }

    /** Drops everything: missing-token 401s and requests to other stages are not execution-logged. */
    public void suppress() {
        this.suppressed = true;
    }

    public boolean suppressed() {
        return suppressed;
    }

    public void info(long timestamp, String text) {
        if (infoEnabled()) {
            add(timestamp, text);
        }
    }

    public void error(long timestamp, String text) {
        if (level != Level.OFF && !suppressed) {
            add(timestamp, text);
        }
    }

    private void add(long timestamp, String text) {
        if (lines == null) {
            lines = new ArrayList<>(24);
        }
        lines.add(new LogEvent(timestamp, text));
    }

    /** The collected lines, each without its {@code (<requestId>) } prefix (empty when suppressed or nothing was logged). */
    public List<LogEvent> lines() {
        return suppressed || lines == null ? List.of() : lines;
    }
}
