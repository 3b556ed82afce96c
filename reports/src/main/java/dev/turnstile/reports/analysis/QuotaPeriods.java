package dev.turnstile.reports.analysis;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.Locale;

/**
 * Quota periods as the local stage counts them (reference §10): UTC calendar DAY, WEEK starting Monday
 * 00:00 UTC, MONTH starting the 1st 00:00 UTC. Boundaries come from the stage's {@link QuotaPeriod}; this enum
 * adds parsing of the profile's text and the nominal lengths the report projects with.
 */
public enum QuotaPeriods {
    DAY, WEEK, MONTH;

    /** Parses DAY/WEEK/MONTH (any case); anything else is a clear error. */
    public static QuotaPeriods parse(String period) {
        if (period == null) {
            throw new IllegalArgumentException("quota period is missing (expected DAY, WEEK or MONTH)");
        }
        try {
            return valueOf(period.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown quota period '" + period + "' (expected DAY, WEEK or MONTH)", e);
        }
    }

    /** Start (epoch ms) of the period that contains {@code millis} — the local stage's own boundaries. */
    public long start(long millis) {
        return stagePeriod().start(millis);
    }

    /** End (epoch ms, exclusive) of the period that contains {@code millis}. */
    public long end(long millis) {
        return stagePeriod().end(millis);
    }

    /** The same period in the local stage's model. */
    public QuotaPeriod stagePeriod() {
        return QuotaPeriod.valueOf(name());
    }

    /** Nominal length in seconds (MONTH as 30 days), for projections and steady-client checks. */
    public long nominalSeconds() {
        return switch (this) {
            case DAY -> 86_400L;
            case WEEK -> 7 * 86_400L;
            case MONTH -> 30 * 86_400L;
        };
    }
}
