package dev.turnstile.reports.analysis;

import java.util.Arrays;

/** Synthetic arrival streams with known answers. */
final class Streams {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a Thursday

    private Streams() {
    }

    /** {@code rps} requests per second, evenly spaced, for {@code seconds}. */
    static long[] steady(long start, int rps, int seconds) {
        long[] out = new long[rps * seconds];
        for (int i = 0; i < out.length; i++) {
            out[i] = start + (long) i * 1000 / rps;
        }
        return out;
    }

    /** {@code size} requests at the same millisecond every {@code everySeconds}, {@code spikes} times. */
    static long[] spikes(long start, int size, int everySeconds, int spikes) {
        long[] out = new long[size * spikes];
        for (int s = 0; s < spikes; s++) {
            Arrays.fill(out, s * size, (s + 1) * size, start + s * everySeconds * 1000L);
        }
        return out;
    }
}
