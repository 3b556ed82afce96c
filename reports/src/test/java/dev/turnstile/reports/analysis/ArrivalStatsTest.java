package dev.turnstile.reports.analysis;

import static dev.turnstile.reports.analysis.Streams.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.reports.input.CapacityStep;
import dev.turnstile.stage.stats.Percentiles;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalStatsTest {

    @Test
    void binsPercentilesAndPeakWindows() {
        // 10 s at 5 rps, then 30 requests within 50 ms, then 9 s at 5 rps
        long[] a = Streams.steady(T0, 5, 10);
        long[] burst = new long[30];
        for (int i = 0; i < 30; i++) {
            burst[i] = T0 + 10_000 + i;
        }
        long[] b = Streams.steady(T0 + 11_000, 5, 9);
        long[] all = new long[a.length + burst.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(burst, 0, all, a.length, burst.length);
        System.arraycopy(b, 0, all, a.length + burst.length, b.length);

        ArrivalStats s = ArrivalStats.of(all, T0, T0 + 20_000);

        assertThat(s.requests()).isEqualTo(125);
        assertThat(s.activeSeconds()).isEqualTo(20);
        assertThat(s.p50()).isEqualTo(5);
        assertThat(s.p95()).isEqualTo(5);
        assertThat(s.maxPerSecond()).isEqualTo(30);
        assertThat(s.peak100ms()).isEqualTo(30);
        assertThat(s.peak1s()).isEqualTo(34); // [9.200 s, 10.200 s) holds 4 steady arrivals and the 30-request spike
        assertThat(s.volumes().get(QuotaPeriod.DAY))
                .containsExactly(new ArrivalStats.PeriodVolume(T0, 125, false));
    }

    @Test
    void percentilesCountTheIdleSecondsOfTheActiveSpan() {
        // 3 busy seconds (10, 20, 30 requests) spread over 100 s: 97 idle seconds
        long[] a = new long[60];
        for (int i = 0; i < 60; i++) {
            a[i] = i < 10 ? T0 : i < 30 ? T0 + 50_000 : T0 + 99_000;
        }
        ArrivalStats s = ArrivalStats.of(a, T0, T0 + 100_000);

        assertThat(s.activeSeconds()).isEqualTo(100);
        assertThat(s.p50()).isZero();
        assertThat(s.p95()).isZero();
        assertThat(s.p99()).isEqualTo(20);
        assertThat(s.maxPerSecond()).isEqualTo(30);
        assertThat(Percentiles.withZeros(new long[] {30, 10, 20}, 97).value(98)).isEqualTo(10);
    }

    @Test
    void aYearLongSpanNeedsNoPerSecondArray() {
        long[] a = {T0, T0 + 365L * 86_400_000L};
        ArrivalStats s = ArrivalStats.of(a, T0, T0 + 366L * 86_400_000L);

        assertThat(s.activeSeconds()).isEqualTo(365L * 86_400 + 1);
        assertThat(s.volumes().get(QuotaPeriod.MONTH)).hasSize(2);
        assertThat(s.volumes().get(QuotaPeriod.DAY)).extracting(ArrivalStats.PeriodVolume::complete)
                .containsExactly(true, true);
    }

    @Test
    void kneeIsTheHighestStepUnderTheThresholdWithoutErrors() {
        List<CapacityStep> steps = List.of(
                new CapacityStep(100, 100, 3, 5, 8, 0, 6000),
                new CapacityStep(200, 199, 4, 9, 20, 0, 12000),
                new CapacityStep(400, 310, 40, 300, 900, 0.02, 24000),
                new CapacityStep(300, 280, 10, 60, 150, 0, 18000));

        assertThat(CapacityKnee.find(steps, 100)).contains(steps.get(1));
        assertThat(CapacityKnee.find(steps, 1000)).contains(steps.get(3));
        assertThat(CapacityKnee.find(steps, 5)).isEmpty();
    }
}
