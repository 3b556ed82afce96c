package dev.turnstile.localstage.awslike;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.time.StageClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Late, per-batch log delivery (docs/aws-behaviour.md §15.1), on the stage clock. */
class DelayedLogDeliveryTest {

    /** What reached the store, in delivery order. */
    static final class Recording implements LogSink {
        final List<String> delivered = new ArrayList<>();
        final List<String> created = new ArrayList<>();

        @Override
        public synchronized void ensureLogGroup(String logGroupName, Integer retentionDays) {
            created.add(logGroupName);
        }

        @Override
        public synchronized void ensureLogStream(String logGroupName, String logStreamName) {
            created.add(logGroupName + "/" + logStreamName);
        }

        @Override
        public synchronized void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
            events.forEach(e -> delivered.add(logGroupName + " " + e.message()));
        }
    }

    private final StageClock clock = StageClock.frozenAt(Instant.parse("2026-12-04T12:00:00Z"));

    @Test
    void eachBatchBecomesVisibleAfterItsOwnSeededDelay() {
        Recording store = new Recording();
        DelayRange range = DelayRange.parse("2s..20s");
        DelayedLogDelivery delivery = DelayedLogDelivery.manual(store, clock, range, 7);
        long t0 = clock.millis();
        delivery.putLogEvents("/access", "s", List.of(new LogSink.LogEvent(t0, "a")));
        delivery.putLogEvents("/access", "s", List.of(new LogSink.LogEvent(t0, "b"), new LogSink.LogEvent(t0, "c")));
        delivery.putLogEvents("/aws/lambda/w", "s", List.of(new LogSink.LogEvent(t0, "START")));
        Random same = new Random(7);
        long[] delays = {range.drawMillis(same), range.drawMillis(same), range.drawMillis(same)};
        assertThat(java.util.Arrays.stream(delays).boxed().toList()).allMatch(d -> d >= 2_000 && d <= 20_000);

        assertThat(delivery.deliverDue(t0 + 1_999)).isZero();
        assertThat(store.delivered).isEmpty();
        assertThat(delivery.pendingBatches()).isEqualTo(3);
        // each batch exactly at its own due time: delivered in due order, the events of a batch together
        List<String> expected = new ArrayList<>();
        String[][] batches = {{"/access a"}, {"/access b", "/access c"}, {"/aws/lambda/w START"}};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (x, y) -> Long.compare(delays[x], delays[y]));
        for (int i : order) {
            assertThat(delivery.deliverDue(t0 + delays[i] - 1)).isZero();
            clock.advance(Duration.ofMillis(t0 + delays[i] - clock.millis()));
            assertThat(delivery.deliverDue(clock.millis())).isEqualTo(1);
            expected.addAll(List.of(batches[i]));
            assertThat(store.delivered).containsExactlyElementsOf(expected);
        }
        assertThat(delivery.pendingBatches()).isZero();
    }

    @Test
    void groupsAndStreamsExistAtOnceAndCloseDeliversWhatIsPending() {
        Recording store = new Recording();
        DelayedLogDelivery delivery = DelayedLogDelivery.manual(store, clock, DelayRange.parse("PT1M"), 1);
        delivery.ensureLogStream("/g", "s");
        assertThat(store.created).containsExactly("/g/s");
        delivery.putLogEvents("/g", "s", List.of(new LogSink.LogEvent(clock.millis(), "x")));
        assertThat(delivery.deliverDue(clock.millis() + 59_999)).isZero();
        delivery.close();
        assertThat(store.delivered).containsExactly("/g x");
        // after close a put goes straight through
        delivery.putLogEvents("/g", "s", List.of(new LogSink.LogEvent(clock.millis(), "y")));
        assertThat(store.delivered).containsExactly("/g x", "/g y");
    }

    @Test
    void delayRangesParseBothSpellings() {
        assertThat(DelayRange.parse("2s..20s")).isEqualTo(new DelayRange(Duration.ofSeconds(2), Duration.ofSeconds(20)));
        assertThat(DelayRange.parse("PT0.5S..PT1M")).isEqualTo(new DelayRange(Duration.ofMillis(500), Duration.ofMinutes(1)));
        assertThat(DelayRange.parse("0").isZero()).isTrue();
        assertThat(DelayRange.parse("250ms")).isEqualTo(new DelayRange(Duration.ofMillis(250), Duration.ofMillis(250)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DelayRange.parse("20s..2s"))
                .hasMessageContaining("not a delay range: '20s..2s'");
    }
}
