package dev.turnstile.stage.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    /** 1, 2, …, 100 shuffled: percentile p of them is p itself under nearest rank. */
    private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();

    @Test
    void nearestRankIsTheCeilingOfPTimesN() {
        assertThat(Percentiles.rank(50, 4)).isEqualTo(2);
        assertThat(Percentiles.rank(51, 4)).isEqualTo(3);
        assertThat(Percentiles.rank(95, 20)).isEqualTo(19);
        assertThat(Percentiles.rank(99, 1)).isEqualTo(1);
        assertThat(Percentiles.rank(0, 7)).isEqualTo(1);
        assertThat(Percentiles.rank(100, 7)).isEqualTo(7);
    }

    @Test
    void binaryErrorDoesNotPushAnExactRankUp() {
        // 99.9 / 100 × 1000 is 999.0000000000001 in doubles; the rank is 999, as written on paper
        assertThat(Percentiles.rank(99.9, 1000)).isEqualTo(999);
        assertThat(Percentiles.rank(99.9, 1001)).isEqualTo(1000);
        assertThat(Percentiles.rank(29, 100)).isEqualTo(29);
    }

    @Test
    void valuesAreObservedOnesNeverInterpolated() {
        Percentiles p = Percentiles.of(new long[] {40, 10, 30, 20});

        assertThat(p.value(50)).isEqualTo(20); // an interpolating median would say 25
        assertThat(p.value(75)).isEqualTo(30);
        assertThat(p.value(76)).isEqualTo(40);
        assertThat(p.value(99)).isEqualTo(40);
        assertThat(p.value(0)).isEqualTo(10);
        assertThat(p.max()).isEqualTo(40);
        assertThat(p.count()).isEqualTo(4);
    }

    @Test
    void percentileOfOneToHundredIsItself() {
        Percentiles p = Percentiles.of(ONE_TO_HUNDRED);

        for (int q = 1; q <= 100; q++) {
            assertThat(p.value(q)).as("p%d", q).isEqualTo(q);
        }
        assertThat(p.value(99.5)).isEqualTo(100);
    }

    @Test
    void zerosCountWithoutBeingStored() {
        Percentiles p = Percentiles.withZeros(new long[] {30, 10, 20}, 97);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.value(97)).isZero();
        assertThat(p.value(98)).isEqualTo(10);
        assertThat(p.value(100)).isEqualTo(30);
        assertThat(p.max()).isEqualTo(30);
    }

    @Test
    void theInputIsCopiedNotSorted() {
        long[] values = {3, 1, 2};
        Percentiles.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void anEmptySetIsZeroAndABadPercentileIsRefused() {
        assertThat(Percentiles.of(new long[0]).value(99)).isZero();
        assertThat(Percentiles.of(new long[0]).max()).isZero();
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).value(100.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100.5");
        assertThatThrownBy(() -> Percentiles.of(new long[0]).value(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(Double.NaN, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(50, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.withZeros(new long[0], -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
