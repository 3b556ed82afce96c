package dev.turnstile.reports.analysis;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a window can support a quota recommendation. A quota caps the requests of a whole calendar period (UTC
 * day, week from Monday, month), so a figure is only as good as the whole periods it was seen over: scaling a
 * 37-second window up to a day turns a test's burst into a "3366325/DAY" nobody should configure. A quota is
 * recommended only from complete periods in the window; otherwise the report says which window it would need.
 */
public final class QuotaWindow {

    private QuotaWindow() {
    }

    /** True when {@code [fromMs, toMs)} holds at least one complete {@code period}. */
    public static boolean holdsAPeriod(QuotaPeriod period, long fromMs, long toMs) {
        long first = period.start(fromMs) == fromMs ? fromMs : period.end(fromMs);
        return period.end(first) <= toMs;
    }

    /** What to say instead of a quota when the window holds no complete period. */
    public static String needed(QuotaPeriod period, long fromMs, long toMs) {
        long first = period.start(fromMs) == fromMs ? fromMs : period.end(fromMs);
        return "no quota recommended: a " + period + " quota needs traffic over at least one whole UTC " + period
                + ", and this window is " + length(toMs - fromMs) + " (" + Instant.ofEpochMilli(fromMs) + " → "
                + Instant.ofEpochMilli(toMs) + "); report on a window that holds " + Instant.ofEpochMilli(first) + " → "
                + Instant.ofEpochMilli(period.end(first)) + " or longer";
    }

    private static String length(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.toSeconds() < 120) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
