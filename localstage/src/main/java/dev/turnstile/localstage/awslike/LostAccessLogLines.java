package dev.turnstile.localstage.awslike;

import dev.turnstile.localstage.logs.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only fault {@link StageFault#LOSE_ACCESS_LOG}: of the events written to the access-log group, every
 * {@code every}-th (the 100th, 200th … by default) never reaches CloudWatch Logs; every other group is untouched.
 * The cross-check must then report those requests as missing from the access log.
 */
public final class LostAccessLogLines extends ForwardingLogSink {

    /** One line in this many is lost. */
    public static final int EVERY = 100;

    private final String accessLogGroup;
    private final int every;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    public LostAccessLogLines(LogSink target, String accessLogGroup, int every) {
        super(target);
        this.accessLogGroup = Objects.requireNonNull(accessLogGroup, "accessLogGroup");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
        if (!accessLogGroup.equals(logGroupName)) {
            target.putLogEvents(logGroupName, logStreamName, events);
            return;
        }
        List<LogEvent> kept = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            if (seen.incrementAndGet() % every == 0) {
                lost.incrementAndGet();
            } else {
                kept.add(e);
            }
        }
        if (!kept.isEmpty()) {
            target.putLogEvents(logGroupName, logStreamName, kept);
        }
    }

    /** Access-log lines dropped so far. */
    public long lost() {
        return lost.get();
    }
}
