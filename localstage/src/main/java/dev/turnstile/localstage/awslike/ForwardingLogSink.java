package dev.turnstile.localstage.awslike;

import dev.turnstile.localstage.logs.LogSink;
import java.util.Objects;

/**
 * A log sink in front of another that creates groups and streams at once and changes only how events arrive: the
 * AWS-like delivery delay and the test-only lost access-log lines each decide {@link #putLogEvents} alone.
 */
public abstract class ForwardingLogSink implements LogSink {

    /** Where groups, streams and (when the subclass lets them through) events go. */
    protected final LogSink target;

    protected ForwardingLogSink(LogSink target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public final void ensureLogGroup(String logGroupName, Integer retentionDays) {
        target.ensureLogGroup(logGroupName, retentionDays);
    }

    @Override
    public final void ensureLogStream(String logGroupName, String logStreamName) {
        target.ensureLogStream(logGroupName, logStreamName);
    }
}
