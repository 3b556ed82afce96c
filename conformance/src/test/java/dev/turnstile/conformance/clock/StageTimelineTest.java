package dev.turnstile.conformance.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageTimelineTest {

    @Test
    void withoutObservationsStageTimeIsWallTime() {
        StageTimeline timeline = new StageTimeline();
        assertThat(timeline.stageTime(12_345)).isEqualTo(12_345);
        assertThat(timeline.shifted()).isFalse();
    }

    @Test
    void runningClockKeepsTheObservedOffsetAndFrozenClockStands() {
        StageTimeline timeline = new StageTimeline();
        timeline.observe(10_000, new ClockState(310_000, "x", false));
        timeline.observe(20_000, new ClockState(400_000, "x", true));
        assertThat(timeline.stageTime(5_000)).isEqualTo(5_000);
        assertThat(timeline.stageTime(15_000)).isEqualTo(315_000);
        assertThat(timeline.stageTime(25_000)).isEqualTo(400_000);
        assertThat(timeline.shifted()).isTrue();
    }

    @Test
    void observationsArriveOutOfOrder() {
        StageTimeline timeline = new StageTimeline();
        timeline.observe(20_000, new ClockState(120_000, "x", false));
        timeline.observe(10_000, new ClockState(60_000, "x", false));
        assertThat(timeline.stageTime(11_000)).isEqualTo(61_000);
        assertThat(timeline.stageTime(21_000)).isEqualTo(121_000);
    }
}
