package dev.turnstile.reports.analysis;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Quota periods as the local stage counts them (reference §10): UTC calendar DAY, WEEK starting Monday
 * 00:00 UTC, MONTH starting the 1st 00:00 UTC.
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

    /** Start (epoch ms) of the period that contains {@code millis}. */
    public long start(long millis) {
        LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** End (epoch ms, exclusive) of the period that contains {@code millis}. */
    public long end(long millis) {
        LocalDate first = Instant.ofEpochMilli(start(millis)).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
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
