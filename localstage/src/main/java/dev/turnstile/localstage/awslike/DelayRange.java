package dev.turnstile.localstage.awslike;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * A delay drawn uniformly from {@code [min, max]}: written {@code 2s..20s}, {@code PT2S..PT20S}, {@code 500ms} or
 * {@code 0} (no delay). The AWS-like knobs use it for how late a log batch becomes visible
 * (docs/aws-behaviour.md §15).
 *
 * @param min the shortest delay, not negative
 * @param max the longest delay, not below {@code min}
 */
public record DelayRange(Duration min, Duration max) {

    /** No delay at all. */
    public static final DelayRange NONE = new DelayRange(Duration.ZERO, Duration.ZERO);

    public DelayRange {
        if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("a delay range needs 0 <= min <= max, got " + min + ".." + max);
        }
    }

    /** True when every delay is zero. */
    public boolean isZero() {
        return max.isZero();
    }

    /** One delay in milliseconds, uniform over the range. */
    public long drawMillis(Random random) {
        long lo = min.toMillis();
        long hi = max.toMillis();
        return lo == hi ? lo : lo + (long) (random.nextDouble() * (hi - lo + 1));
    }

    /**
     * Parses {@code MIN..MAX} or one duration; each part {@code 250ms}, {@code 2s}, {@code 5m} or ISO-8601
     * ({@code PT2S}); a clear error naming the text otherwise.
     */
    public static DelayRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a delay range must not be empty (e.g. 2s..20s)");
        }
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                Duration d = duration(t);
                return new DelayRange(d, d);
            }
            return new DelayRange(duration(t.substring(0, dots)), duration(t.substring(dots + 2)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a delay range: '" + text + "' (write MIN..MAX, e.g. 2s..20s or"
                    + " PT2S..PT20S; " + e.getMessage() + ")", e);
        }
    }

    /** {@code 250ms}, {@code 2s}, {@code 5m}, {@code 0} or ISO-8601. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
        }
        throw new IllegalArgumentException("unknown unit in '" + text + "'");
    }

    @Override
    public String toString() {
        return min.equals(max) ? min.toString() : min + ".." + max;
    }
}
