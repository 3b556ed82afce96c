package dev.turnstile.localstage.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local stage's one clock: token buckets, quota periods and authorizer cache TTLs all read it,
 * so tests can freeze and advance time instead of sleeping.
 *
 * <p>The clock is the system clock plus an offset; {@link #freeze()} pins it, {@link #advance(Duration)}
 * moves it forward (frozen or not), {@link #set(Instant)} jumps to an instant. Time never flows backwards
 * for readers while running unfrozen.
 */
public final class StageClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();
    /** Frozen instant in epoch ms, or {@link Long#MIN_VALUE} when the clock runs. */
    private final AtomicLong frozenAt = new AtomicLong(Long.MIN_VALUE);

    public StageClock() {
        this(Clock.systemUTC());
    }

    public StageClock(Clock base) {
        this.base = base;
    }

    /** A clock frozen at the given instant (for tests). */
    public static StageClock frozenAt(Instant instant) {
        StageClock clock = new StageClock();
        clock.set(instant);
        clock.freeze();
        return clock;
    }

    /** Current time in epoch milliseconds. */
    public long millis() {
        long frozen = frozenAt.get();
        return frozen != Long.MIN_VALUE ? frozen : base.millis() + offsetMillis.get();
    }

    /** Current time in epoch nanoseconds resolution is not needed: buckets work in ms with fractional tokens. */
    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the stage clock is always UTC");
    }

    /** Stops time at the current instant. */
    public synchronized void freeze() {
        frozenAt.compareAndSet(Long.MIN_VALUE, millis());
    }

    /** Lets time run again from the frozen instant. */
    public synchronized void unfreeze() {
        long frozen = frozenAt.get();
        if (frozen != Long.MIN_VALUE) {
            offsetMillis.set(frozen - base.millis());
            frozenAt.set(Long.MIN_VALUE);
        }
    }

    public boolean isFrozen() {
        return frozenAt.get() != Long.MIN_VALUE;
    }

    /** Moves the clock forward; negative durations are refused so buckets and quotas never run backwards. */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the stage clock only moves forward; got " + by);
        }
        long ms = by.toMillis();
        long frozen = frozenAt.get();
        if (frozen != Long.MIN_VALUE) {
            frozenAt.set(frozen + ms);
        } else {
            offsetMillis.addAndGet(ms);
        }
    }

    /** Jumps to an instant (forwards or backwards; meant for tests and the admin endpoint). */
    public synchronized void set(Instant instant) {
        long target = instant.toEpochMilli();
        if (frozenAt.get() != Long.MIN_VALUE) {
            frozenAt.set(target);
        } else {
            offsetMillis.set(target - base.millis());
        }
    }
}
