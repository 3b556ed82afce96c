package dev.turnstile.simulations;

/**
 * An expected count with its tolerance: {@code expected ± (percent × expected + requests)}, the band a measured
 * admitted count must fall in.
 *
 * @param expected the model's count
 * @param min      lowest count that passes
 * @param max      highest count that passes
 */
public record Band(double expected, long min, long max) {

    /** The band around {@code expected} with a relative and an absolute tolerance. */
    public static Band around(double expected, double percent, long requests) {
        double slack = percent * expected + requests;
        return new Band(expected, (long) Math.max(0, Math.ceil(expected - slack)), (long) Math.floor(expected + slack));
    }

    /** An exact count. */
    public static Band exactly(long expected) {
        return new Band(expected, expected, expected);
    }

    public boolean contains(long observed) {
        return observed >= min && observed <= max;
    }

    @Override
    public String toString() {
        return min == max ? Long.toString(min) : String.format(java.util.Locale.ROOT, "%.1f [%d, %d]", expected, min, max);
    }
}
