package dev.turnstile.conformance.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps client wall-clock time to stage time. The local stage's clock can be advanced, set or frozen through its
 * admin path; every reading of that clock is recorded here, so the cross-check can place a ledger entry (stamped with
 * wall time) on the stage's own time axis — authorizer cache TTLs and token buckets run on stage time. With no
 * observation (AWS, or a run that never touched the clock) stage time is wall time.
 */
public final class StageTimeline {

    private record Observation(long wallMillis, long stageMillis, boolean frozen) { }

    private final List<Observation> observations = new ArrayList<>();

    /** Records that at {@code wallMillis} the stage clock read {@code state}. */
    public synchronized void observe(long wallMillis, ClockState state) {
        int at = observations.size();
        while (at > 0 && observations.get(at - 1).wallMillis() > wallMillis) {
            at--;
        }
        observations.add(at, new Observation(wallMillis, state.epochMillis(), state.frozen()));
    }

    /** Stage time at the given wall time, from the latest observation at or before it. */
    public synchronized long stageTime(long wallMillis) {
        Observation last = null;
        for (Observation o : observations) {
            if (o.wallMillis() <= wallMillis) {
                last = o;
            } else {
                break;
            }
        }
        if (last == null) {
            return wallMillis;
        }
        return last.frozen() ? last.stageMillis() : last.stageMillis() + (wallMillis - last.wallMillis());
    }

    /** True when stage time ever differed from wall time (by more than clock-reading jitter). */
    public synchronized boolean shifted() {
        return observations.stream().anyMatch(o -> o.frozen() || Math.abs(o.stageMillis() - o.wallMillis()) > 1_000);
    }
}
