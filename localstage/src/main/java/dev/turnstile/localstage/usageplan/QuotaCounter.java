package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One key's usage under one usage plan: requests used in the current quota period, what the control plane
 * granted on top ({@code UpdateUsage}), and a per-day {@code [used, remaining]} history for {@code GetUsage}.
 *
 * <p>Not synchronized: the usage-plan service holds the key's lock. The hot path ({@link #exhausted},
 * {@link #consume}) allocates only when a period or a UTC day rolls over.
 *
 * <p>Every consumption gets the next number of the counter's own sequence, which the usage journal records with
 * it: a snapshot carries the last number it includes, so replaying the journal over a snapshot applies each
 * consumption exactly once.
 */
public final class QuotaCounter {

    /** Days of history kept for {@code GetUsage}; older days are dropped when a snapshot is taken. */
    static final int HISTORY_DAYS = 100;

    private final Quota quota;
    private final long firstPeriodStart;
    private long periodStart;
    private long periodEnd;
    private long used;
    /** Remaining granted beyond the period's allowance by {@code UpdateUsage} (may be negative). */
    private long extra;
    private final NavigableMap<Long, long[]> days = new TreeMap<>();
    private long dayStart = Long.MIN_VALUE;
    private long dayEnd = Long.MIN_VALUE;
    private long[] today;
    /** Number of the last consumption counted here (journal sequence), 0 before the first. */
    private long seq;

    /**
     * @param quota            the plan's quota, or null when the plan has none (usage is still counted)
     * @param firstPeriodStart start of the first period (where {@code offset} applies), epoch ms
     */
    QuotaCounter(Quota quota, long firstPeriodStart) {
        this.quota = quota;
        this.firstPeriodStart = firstPeriodStart;
        this.periodStart = firstPeriodStart;
        this.periodEnd = quota == null ? Long.MAX_VALUE : quota.period().end(firstPeriodStart);
    }

    /** A counter whose first period is the one containing {@code nowMillis}. */
    static QuotaCounter startingAt(Quota quota, long nowMillis) {
        long first = quota == null ? QuotaPeriod.DAY.start(nowMillis) : quota.period().start(nowMillis);
        return new QuotaCounter(quota, first);
    }

    /** True when the plan has a quota and the current period has no request left. */
    boolean exhausted(long nowMillis) {
        roll(nowMillis);
        return quota != null && remainingNow() <= 0;
    }

    /** Counts one admitted request; returns its sequence number, for the usage journal. */
    long consume(long nowMillis) {
        roll(nowMillis);
        used++;
        long[] day = day(nowMillis);
        day[0]++;
        day[1] = remainingNow();
        return ++seq;
    }

    /**
     * Counts a journalled consumption again after a restart, unless the snapshot the counter was restored from
     * already holds it.
     *
     * @return whether it was counted now
     */
    boolean replay(long consumptionSeq, long atMillis) {
        if (consumptionSeq <= seq) {
            return false;
        }
        consume(atMillis);
        seq = consumptionSeq;
        return true;
    }

    /** Sets what is left in the current period ({@code UpdateUsage replace /remaining}). */
    void setRemaining(long remaining, long nowMillis) {
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must be >= 0, got " + remaining);
        }
        roll(nowMillis);
        extra = remaining + used - allowance(periodStart);
        day(nowMillis)[1] = remainingNow();
    }

    /** Requests used in the current period. */
    long used(long nowMillis) {
        roll(nowMillis);
        return used;
    }

    /** Requests left in the current period (0 when the plan has no quota). */
    long remaining(long nowMillis) {
        roll(nowMillis);
        return remainingNow();
    }

    /** {@code [used, remaining]} for each UTC day from {@code start} to {@code end} inclusive. */
    List<long[]> daily(LocalDate start, LocalDate end, long nowMillis) {
        roll(nowMillis);
        List<long[]> out = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            long epochDay = d.toEpochDay();
            long[] recorded = days.get(epochDay);
            if (recorded != null) {
                out.add(recorded.clone());
                continue;
            }
            // a quiet day: nothing used; remaining as left by the last recorded day of the same period
            long dayMillis = QuotaPeriod.toMillis(d);
            long pStart = quota == null ? dayMillis : Math.max(firstPeriodStart, quota.period().start(dayMillis));
            Map.Entry<Long, long[]> before = days.lowerEntry(epochDay);
            long remaining;
            if (quota == null) {
                remaining = 0;
            } else if (before != null && QuotaPeriod.toMillis(LocalDate.ofEpochDay(before.getKey())) >= pStart) {
                remaining = before.getValue()[1];
            } else {
                remaining = allowance(pStart);
            }
            out.add(new long[] {0, remaining});
        }
        return out;
    }

    private long remainingNow() {
        return quota == null ? 0 : Math.max(0, allowance(periodStart) + extra - used);
    }

    /** The period's limit, less {@code offset} in the first period. */
    private long allowance(long pStart) {
        if (quota == null) {
            return 0;
        }
        return pStart == firstPeriodStart ? Math.max(0, quota.limit() - quota.offset()) : quota.limit();
    }

    private void roll(long nowMillis) {
        if (nowMillis >= periodEnd || nowMillis < periodStart) {
            if (nowMillis < firstPeriodStart) {
                return; // the clock was set before the first period: keep counting in the first period
            }
            periodStart = quota.period().start(nowMillis);
            periodEnd = quota.period().end(nowMillis);
            used = 0;
            extra = 0;
        }
    }

    private long[] day(long nowMillis) {
        if (nowMillis < dayStart || nowMillis >= dayEnd) {
            dayStart = QuotaPeriod.DAY.start(nowMillis);
            dayEnd = QuotaPeriod.DAY.end(nowMillis);
            today = days.computeIfAbsent(QuotaPeriod.utcDate(nowMillis).toEpochDay(), k -> new long[] {0, 0});
        }
        return today;
    }

    // ---- snapshot support -------------------------------------------------------------------------------

    UsageStateStore.CounterSnapshot snapshot(long nowMillis) {
        long oldest = QuotaPeriod.utcDate(nowMillis).toEpochDay() - HISTORY_DAYS;
        days.headMap(oldest, false).clear();
        Map<String, long[]> copy = new TreeMap<>();
        days.forEach((k, v) -> copy.put(LocalDate.ofEpochDay(k).toString(), v.clone()));
        return new UsageStateStore.CounterSnapshot(firstPeriodStart, periodStart, used, extra, copy, seq);
    }

    static QuotaCounter restore(Quota quota, UsageStateStore.CounterSnapshot state) {
        QuotaCounter counter = new QuotaCounter(quota, state.firstPeriodStart());
        if (quota != null) {
            counter.periodStart = state.periodStart();
            counter.periodEnd = quota.period().end(state.periodStart());
            counter.used = state.used();
            counter.extra = state.extra();
        }
        if (state.days() != null) {
            state.days().forEach((k, v) -> counter.days.put(LocalDate.parse(k).toEpochDay(), v.clone()));
        }
        counter.seq = state.seq();
        return counter;
    }
}
