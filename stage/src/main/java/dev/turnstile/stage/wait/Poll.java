package dev.turnstile.stage.wait;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one sleep-and-poll of the main code: looks at something until it is as wanted or a deadline passes, and
 * hands back what it saw last, so the caller can say what was missing. Tests poll with Awaitility instead; this
 * exists because main code (a run waiting for log events, the merge waiting for injectors) must not depend on a
 * test library.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * Calls {@code look} until {@code done} accepts its answer or {@code within} has passed, pausing {@code every}
     * between calls; always calls it at least once, and once more at the deadline's end.
     *
     * @return the first answer {@code done} accepted, else the last one seen
     * @throws IllegalStateException when the thread is interrupted (its interrupt flag is set again), naming
     *                               {@code what} it was waiting for
     */
    public static <T> T until(String what, Supplier<T> look, Predicate<? super T> done, Duration within,
                              Duration every) {
        Objects.requireNonNull(look, "look");
        if (within.isNegative() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("poll " + what + ": within must be ≥ 0 and every > 0, got " + within
                    + " and " + every);
        }
        long stop = System.nanoTime() + within.toNanos();
        while (true) {
            T seen = look.get();
            long left = stop - System.nanoTime();
            if (done.test(seen) || left <= 0) {
                return seen;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(every.toMillis(), Duration.ofNanos(left).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
