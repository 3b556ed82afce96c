package dev.turnstile.conformance.crosscheck;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pace of the log reads of one process: at most {@code perSecond} {@code FilterLogEvents} calls a second, shared
 * by every window read in parallel. CloudWatch Logs allows 5 a second per account and Region, a quota that cannot be
 * raised (https://repost.aws/knowledge-center/cloudwatch-logs-throttling,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html); the local stage has no such
 * quota, so its reads are not paced ({@link #forStage}; docs/aws-behaviour.md §14). {@code -Dturnstile.logs.rps}
 * overrides both.
 */
public final class LogsRequestRate {

    /** FilterLogEvents' quota on AWS, requests per second per account and Region. */
    public static final double AWS_FILTER_LOG_EVENTS_PER_SECOND = 5;
    /** System property overriding the pace (requests a second; 0 = unpaced). */
    public static final String PROPERTY = "turnstile.logs.rps";

    private final long intervalNanos;
    private long next;

    /** At most {@code perSecond} calls a second; 0 or less is unpaced. */
    public LogsRequestRate(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.next = System.nanoTime();
    }

    /** AWS's quota for a deployed stage, none for the local stage, unless {@code -Dturnstile.logs.rps} says. */
    public static LogsRequestRate forStage(boolean local) {
        String value = System.getProperty(PROPERTY);
        if (value != null && !value.isBlank()) {
            try {
                return new LogsRequestRate(Double.parseDouble(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + " must be a number of requests a second, got "
                        + value, e);
            }
        }
        return new LogsRequestRate(local ? 0 : AWS_FILTER_LOG_EVENTS_PER_SECOND);
    }

    /** Waits until the next call may go. */
    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long at;
        synchronized (this) {
            long now = System.nanoTime();
            at = Math.max(now, next);
            next = at + intervalNanos;
        }
        long wait;
        while ((wait = at - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing CloudWatch Logs reads");
            }
        }
    }
}
