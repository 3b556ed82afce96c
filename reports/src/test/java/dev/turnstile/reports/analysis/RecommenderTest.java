package dev.turnstile.reports.analysis;

import static dev.turnstile.reports.analysis.Streams.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommenderTest {

    private final PlanReplay replay = new PlanReplay();
    private final Recommender recommender = new Recommender(replay, 0.001, 0.2);

    @Test
    void steadyFiftyRpsNeedsRateFifty() {
        long[] arrivals = Streams.steady(T0, 50, 600);
        ArrivalStats stats = ArrivalStats.of(arrivals, T0, T0 + 600_000);

        Recommender.Recommendation rec = recommender.recommend(arrivals, stats, QuotaPeriod.DAY, T0, T0 + 600_000, null);

        assertThat(rec.rawRate()).isEqualTo(50);
        assertThat(rec.rawBurst()).isEqualTo(50);
        assertThat(rec.rateLimit()).isEqualTo(60);
        assertThat(rec.burstLimit()).isEqualTo(60);
        assertThat(rec.replayedShare()).isZero();
        // one rate step lower rejects well over the 0.1 % target
        assertThat(replay.replay(arrivals, 49, 50, null).rejectionShare()).isGreaterThan(0.001);
        // no complete day in a 10-minute window: no quota, and the report says which window would do
        assertThat(rec.quotaLimit()).isNull();
        assertThat(rec.quotaWindowNeeded()).isEqualTo("no quota recommended: a DAY quota needs traffic over at least "
                + "one whole UTC DAY, and this window is 10 min (" + Instant.ofEpochMilli(T0) + " → "
                + Instant.ofEpochMilli(T0 + 600_000) + "); report on a window that holds 2026-01-01T00:00:00Z → "
                + "2026-01-02T00:00:00Z or longer");
    }

    @Test
    void aThirtySevenSecondThrottleWindowRecommendsNoDailyQuota() {
        // the ThrottleRate simulation's window: 37 s at about 73 rps once projected to "3366325/DAY"
        long[] arrivals = Streams.steady(T0, 73, 37);
        ArrivalStats stats = ArrivalStats.of(arrivals, T0, T0 + 37_000);

        Recommender.Recommendation rec = recommender.recommend(arrivals, stats, QuotaPeriod.DAY, T0, T0 + 37_000, null);

        assertThat(rec.quotaLimit()).isNull();
        assertThat(rec.quotaWindowNeeded()).contains("this window is 37 s");
        assertThat(rec.rateLimit()).isEqualTo(86); // the throttle settings still come from what was seen
    }

    @Test
    void spikeOfThreeHundredEveryMinuteNeedsBurstThreeHundred() {
        long[] arrivals = Streams.spikes(T0, 300, 60, 10);
        ArrivalStats stats = ArrivalStats.of(arrivals, T0, T0 + 600_000);

        Recommender.Recommendation rec = recommender.recommend(arrivals, stats, QuotaPeriod.DAY, T0, T0 + 600_000, null);

        assertThat(rec.rawBurst()).isEqualTo(300);
        assertThat(rec.rawRate()).isEqualTo(5); // refills 300 tokens in the 60 s between spikes
        assertThat(rec.burstLimit()).isEqualTo(360);
        assertThat(rec.rateLimit()).isEqualTo(6);
        // burst 299: one rejection per spike = 10 / 3000, over the target
        assertThat(replay.replay(arrivals, 5, 299, null).rejected()).isEqualTo(10);
    }

    @Test
    void rateIsCappedAtTheCapacityKnee() {
        long[] arrivals = Streams.steady(T0, 50, 60);
        ArrivalStats stats = ArrivalStats.of(arrivals, T0, T0 + 60_000);

        Recommender.Recommendation rec = recommender.recommend(arrivals, stats, QuotaPeriod.DAY, T0, T0 + 60_000, 55.5);

        assertThat(rec.rateLimit()).isEqualTo(55);
        assertThat(rec.cappedByCapacity()).isTrue();
        assertThat(rec.burstLimit()).isEqualTo(60);
    }

    @Test
    void quotaUsesThePercentileOfCompleteDays() {
        // 3 complete UTC days with 100, 200 and 300 requests
        long[] arrivals = new long[600];
        int i = 0;
        for (int day = 0; day < 3; day++) {
            for (int n = 0; n < (day + 1) * 100; n++) {
                arrivals[i++] = T0 + day * 86_400_000L + n * 60_000L;
            }
        }
        ArrivalStats stats = ArrivalStats.of(arrivals, T0, T0 + 3 * 86_400_000L);

        Recommender.Recommendation rec = recommender.recommend(arrivals, stats, QuotaPeriod.DAY, T0, T0 + 3 * 86_400_000L, null);

        assertThat(rec.quotaWindowNeeded()).isNull();
        assertThat(rec.quotaLimit()).isEqualTo(360);
    }

    @Test
    void candidateGridHoldsTheRequestedSettings() {
        long[] arrivals = Streams.spikes(T0, 300, 60, 10);
        ArrivalStats stats = ArrivalStats.of(arrivals, T0, T0 + 600_000);
        Recommender.Recommendation rec = recommender.recommend(arrivals, stats, QuotaPeriod.DAY, T0, T0 + 600_000, null);

        List<Recommender.Candidate> grid = recommender.candidates(arrivals, stats, rec, List.of(100.0), List.of(200));

        assertThat(grid).contains(new Recommender.Candidate(100.0, 200, 1000, 1000 / 3000.0));
        assertThat(grid).contains(new Recommender.Candidate(5.0, 300, 0, 0.0));
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> new Recommender(replay, 1.5, 0.2)).hasMessageContaining("[0, 1), got 1.5");
        assertThatThrownBy(() -> new Recommender(replay, 0.001, -0.1)).hasMessageContaining("≥ 0, got -0.1");
        assertThatThrownBy(() -> recommender.recommend(new long[0], ArrivalStats.of(new long[0], 0, 1),
                QuotaPeriod.DAY, 0, 1, null)).hasMessageContaining("no arrivals");
    }
}
