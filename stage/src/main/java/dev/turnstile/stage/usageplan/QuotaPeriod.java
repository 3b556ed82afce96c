package dev.turnstile.stage.usageplan;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A usage plan's quota period and its boundaries (stage/README.md, "Usage-plan arithmetic"): UTC calendar DAY, WEEK
 * starting Monday 00:00 UTC, MONTH starting the 1st 00:00 UTC. The one type for the period everywhere — the local
 * stage's template model and counters, the stage profile and the capacity report's replay — so all of them cut
 * periods at the same instants. Boundaries are pure functions of epoch milliseconds.
 */
public enum QuotaPeriod {
    DAY, WEEK, MONTH;

    /**
     * Parses DAY, WEEK or MONTH in any case (API Gateway answers upper case; hand-written profiles may not);
     * anything else is an error naming the value. Also how the stage profile's JSON is read.
     */
    @JsonCreator
    public static QuotaPeriod parse(String period) {
        if (period == null) {
            throw new IllegalArgumentException("quota period is missing (expected DAY, WEEK or MONTH)");
        }
        String name = period.trim().toUpperCase(Locale.ROOT);
        for (QuotaPeriod p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        // no cause: JSON readers report the innermost message, and this one names the value
        throw new IllegalArgumentException("unknown quota period '" + period + "' (expected DAY, WEEK or MONTH)");
    }

    /** The first date of the period that contains {@code date}. */
    public LocalDate startDate(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The first date after the period that starts on or contains {@code date}. */
    public LocalDate endDateExclusive(LocalDate date) {
        LocalDate start = startDate(date);
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** Start of the period containing {@code epochMillis}, in epoch ms. */
    public long start(long epochMillis) {
        return toMillis(startDate(utcDate(epochMillis)));
    }

    /** Start of the next period after the one containing {@code epochMillis}, in epoch ms (the end, exclusive). */
    public long end(long epochMillis) {
        return toMillis(endDateExclusive(utcDate(epochMillis)));
    }

    /** Nominal length in seconds (MONTH as 30 days), for projections and steady-client checks. */
    public long nominalSeconds() {
        return switch (this) {
            case DAY -> 86_400L;
            case WEEK -> 7 * 86_400L;
            case MONTH -> 30 * 86_400L;
        };
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
