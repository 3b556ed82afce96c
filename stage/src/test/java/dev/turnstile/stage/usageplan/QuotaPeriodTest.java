package dev.turnstile.stage.usageplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaPeriodTest {

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void dayIsTheUtcCalendarDay() {
        assertThat(QuotaPeriod.DAY.start(ms("2026-11-25T23:59:59.999Z"))).isEqualTo(ms("2026-11-25T00:00:00Z"));
        assertThat(QuotaPeriod.DAY.end(ms("2026-11-25T23:59:59.999Z"))).isEqualTo(ms("2026-11-26T00:00:00Z"));
        assertThat(QuotaPeriod.DAY.start(ms("2026-11-26T00:00:00Z"))).isEqualTo(ms("2026-11-26T00:00:00Z"));
    }

    @Test
    void weekStartsMondayMidnightUtc() {
        // 2026-11-29 is a Sunday, 2026-11-30 a Monday
        assertThat(QuotaPeriod.WEEK.start(ms("2026-11-29T23:59:59.999Z"))).isEqualTo(ms("2026-11-23T00:00:00Z"));
        assertThat(QuotaPeriod.WEEK.end(ms("2026-11-29T23:59:59.999Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
        assertThat(QuotaPeriod.WEEK.start(ms("2026-11-30T00:00:00Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
        assertThat(QuotaPeriod.WEEK.start(ms("2026-12-02T12:00:00Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
    }

    @Test
    void monthStartsOnTheFirstWhateverItsLength() {
        assertThat(QuotaPeriod.MONTH.start(ms("2026-11-30T23:59:59.999Z"))).isEqualTo(ms("2026-11-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.end(ms("2026-11-30T23:59:59.999Z"))).isEqualTo(ms("2026-12-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.end(ms("2026-12-31T23:59:59.999Z"))).isEqualTo(ms("2027-01-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.end(ms("2027-02-10T00:00:00Z"))).isEqualTo(ms("2027-03-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.end(ms("2028-02-29T23:59:59.999Z"))).isEqualTo(ms("2028-03-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.start(ms("2028-02-29T23:59:59.999Z"))).isEqualTo(ms("2028-02-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTH.end(ms("2027-01-31T00:00:00Z"))).isEqualTo(ms("2027-02-01T00:00:00Z"));
    }

    @Test
    void parsesAnyCaseAndNamesWhatItRefuses() {
        assertThat(QuotaPeriod.parse(" week ")).isEqualTo(QuotaPeriod.WEEK);
        assertThat(QuotaPeriod.parse("MONTH")).isEqualTo(QuotaPeriod.MONTH);
        assertThatThrownBy(() -> QuotaPeriod.parse("YEAR"))
                .hasMessage("unknown quota period 'YEAR' (expected DAY, WEEK or MONTH)");
        assertThatThrownBy(() -> QuotaPeriod.parse(null))
                .hasMessage("quota period is missing (expected DAY, WEEK or MONTH)");
    }

    @Test
    void nominalLengthsForProjections() {
        assertThat(QuotaPeriod.DAY.nominalSeconds()).isEqualTo(86_400);
        assertThat(QuotaPeriod.WEEK.nominalSeconds()).isEqualTo(604_800);
        assertThat(QuotaPeriod.MONTH.nominalSeconds()).isEqualTo(2_592_000);
    }
}
