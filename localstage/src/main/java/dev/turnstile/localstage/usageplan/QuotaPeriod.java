package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.model.UsagePlanConfig.Quota.Period;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * Quota period boundaries (reference §10): UTC calendar DAY, WEEK starting Monday 00:00 UTC, MONTH starting
 * the 1st 00:00 UTC. Pure functions of epoch milliseconds.
 */
public final class QuotaPeriod {

    private QuotaPeriod() {
    }

    /** The first date of the period that contains {@code date}. */
    public static LocalDate startDate(Period period, LocalDate date) {
        return switch (period) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The first date after the period that starts on or contains {@code date}. */
    public static LocalDate endDateExclusive(Period period, LocalDate date) {
        LocalDate start = startDate(period, date);
        return switch (period) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** Start of the period containing {@code epochMillis}, in epoch ms. */
    public static long start(Period period, long epochMillis) {
        return toMillis(startDate(period, utcDate(epochMillis)));
    }

    /** Start of the next period after the one containing {@code epochMillis}, in epoch ms. */
    public static long end(Period period, long epochMillis) {
        return toMillis(endDateExclusive(period, utcDate(epochMillis)));
    }

    /** The UTC calendar date of an instant. */
    public static LocalDate utcDate(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /** 00:00 UTC of a date, in epoch ms. */
    public static long toMillis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
