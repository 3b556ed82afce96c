package dev.turnstile.localstage.awslike;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * {@code GetUsage} that lags (docs/aws-behaviour.md §15.2): a request admitted less than {@code lagMillis} ago is
 * counted by the quota (and throttles) at once but is not yet in the figures {@code GetUsage} reports — its day's
 * {@code used} is one lower and {@code remaining} one higher until the lag has passed. One per API key in a plan;
 * not synchronized (the usage-plan service holds the key's lock).
 */
public final class UsageLag {

    private final long lagMillis;
    /** Admission times within the last lag, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    public UsageLag(long lagMillis) {
        if (lagMillis < 0) {
            throw new IllegalArgumentException("lag must be >= 0, got " + lagMillis);
        }
        this.lagMillis = lagMillis;
    }

    /** Records one admitted request. */
    public void admitted(long nowMillis) {
        if (lagMillis == 0) {
            return;
        }
        prune(nowMillis);
        recent.addLast(nowMillis);
    }

    /** Forgets what is recent: after {@code UpdateUsage} the figures are what was just set. */
    public void clear() {
        recent.clear();
    }

    /**
     * Hides the recent admissions from daily {@code [used, remaining]} pairs (in place) for the days from
     * {@code start}; {@code remaining} goes up only for a plan with a quota.
     *
     * @return {@code daily}
     */
    public List<long[]> hide(List<long[]> daily, LocalDate start, long nowMillis, boolean hasQuota) {
        if (lagMillis == 0) {
            return daily;
        }
        prune(nowMillis);
        long first = start.toEpochDay();
        for (long at : recent) {
            long index = QuotaPeriod.utcDate(at).toEpochDay() - first;
            if (index >= 0 && index < daily.size()) {
                long[] day = daily.get((int) index);
                if (day[0] > 0) {
                    day[0]--;
                    if (hasQuota) {
                        day[1]++;
                    }
                }
            }
        }
        return daily;
    }

    /** Admissions not yet visible at {@code nowMillis}. */
    public int hidden(long nowMillis) {
        prune(nowMillis);
        return recent.size();
    }

    private void prune(long nowMillis) {
        for (Iterator<Long> it = recent.iterator(); it.hasNext(); ) {
            if (it.next() <= nowMillis - lagMillis) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
