package dev.turnstile.reports.analysis;

import static dev.turnstile.reports.analysis.Streams.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlanReplayTest {

    private final PlanReplay replay = new PlanReplay();

    @Test
    void fullBucketAdmitsBurstThenRefillsAtRate() {
        long[] arrivals = new long[115];
        Arrays.fill(arrivals, 0, 100, T0);
        Arrays.fill(arrivals, 100, 115, T0 + 1000);

        PlanReplay.Result r = replay.replay(arrivals, 10, 20, null);

        assertThat(r.admitted()).isEqualTo(30);
        assertThat(r.throttled()).isEqualTo(85);
        assertThat(r.quotaExceeded()).isZero();
        assertThat(r.outcomes()[19]).isEqualTo(PlanReplay.ADMITTED);
        assertThat(r.outcomes()[20]).isEqualTo(PlanReplay.THROTTLED);
        assertThat(r.outcomes()[109]).isEqualTo(PlanReplay.ADMITTED);
        assertThat(r.outcomes()[110]).isEqualTo(PlanReplay.THROTTLED);
        assertThat(r.rejectionShare()).isEqualTo(85.0 / 115);
    }

    @Test
    void quotaCountsPerUtcDayAndNeitherRejectionConsumesTheOther() {
        // 40 seconds from 23:59:40 UTC (20 on each day), two arrivals at the same millisecond each second,
        // through a 1-token bucket refilled 1/s and a quota of 15 per day
        long start = T0 - 20_000;
        long[] arrivals = new long[80];
        for (int i = 0; i < 40; i++) {
            arrivals[2 * i] = start + i * 1000L;
            arrivals[2 * i + 1] = start + i * 1000L;
        }

        PlanReplay.Result r = replay.replay(arrivals, 1, 1, new PlanReplay.Quota(15, QuotaPeriod.DAY));

        // each day: 15 seconds of (admitted, throttled) — throttled ones do not use quota — then 5 seconds in
        // which the quota is spent: both arrivals are over quota, because the first one took no token
        assertThat(r.admitted()).isEqualTo(30);
        assertThat(r.throttled()).isEqualTo(30);
        assertThat(r.quotaExceeded()).isEqualTo(20);
        assertThat(r.outcomes()[2 * 14 + 1]).isEqualTo(PlanReplay.THROTTLED);
        assertThat(r.outcomes()[2 * 15]).isEqualTo(PlanReplay.QUOTA_EXCEEDED);
        assertThat(r.outcomes()[2 * 15 + 1]).isEqualTo(PlanReplay.QUOTA_EXCEEDED);
        assertThat(r.outcomes()[2 * 20]).isEqualTo(PlanReplay.ADMITTED);
    }

    @Test
    void sameRejectionsAsTheStagesOwnReplayHelper() {
        long[] arrivals = Streams.spikes(T0, 300, 60, 10);
        dev.turnstile.stage.usageplan.TokenBucket.Replay stage =
                dev.turnstile.stage.usageplan.TokenBucket.replay(4, 250, arrivals);

        PlanReplay.Result r = replay.replay(arrivals, 4, 250, null);

        assertThat(r.throttled()).isEqualTo(stage.rejected()).isEqualTo(50 + 9 * 60);
    }

    @Test
    void refusesUnsortedArrivalsAndNegativeSettings() {
        assertThatThrownBy(() -> replay.replay(new long[] {T0 + 5, T0}, 1, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted; index 1");
        assertThatThrownBy(() -> replay.replay(new long[0], -1, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate=-1.0");
    }
}
