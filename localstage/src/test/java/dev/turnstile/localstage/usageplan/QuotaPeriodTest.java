package dev.turnstile.localstage.usageplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.model.UsagePlanConfig.Quota.Period;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaPeriodTest {

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void dayIsTheUtcCalendarDay() {
        assertThat(QuotaPeriod.start(Period.DAY, ms("2026-11-25T23:59:59.999Z"))).isEqualTo(ms("2026-11-25T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.DAY, ms("2026-11-25T23:59:59.999Z"))).isEqualTo(ms("2026-11-26T00:00:00Z"));
        assertThat(QuotaPeriod.start(Period.DAY, ms("2026-11-26T00:00:00Z"))).isEqualTo(ms("2026-11-26T00:00:00Z"));
    }

    @Test
    void weekStartsMondayMidnightUtc() {
        // 2026-11-29 is a Sunday, 2026-11-30 a Monday
        assertThat(QuotaPeriod.start(Period.WEEK, ms("2026-11-29T23:59:59.999Z"))).isEqualTo(ms("2026-11-23T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.WEEK, ms("2026-11-29T23:59:59.999Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
        assertThat(QuotaPeriod.start(Period.WEEK, ms("2026-11-30T00:00:00Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
        assertThat(QuotaPeriod.start(Period.WEEK, ms("2026-12-02T12:00:00Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
    }

    @Test
    void monthStartsOnTheFirstWhateverItsLength() {
        assertThat(QuotaPeriod.start(Period.MONTH, ms("2026-11-30T23:59:59.999Z"))).isEqualTo(ms("2026-11-01T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.MONTH, ms("2026-11-30T23:59:59.999Z"))).isEqualTo(ms("2026-12-01T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.MONTH, ms("2026-12-31T23:59:59.999Z"))).isEqualTo(ms("2027-01-01T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.MONTH, ms("2027-02-10T00:00:00Z"))).isEqualTo(ms("2027-03-01T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.MONTH, ms("2028-02-29T23:59:59.999Z"))).isEqualTo(ms("2028-03-01T00:00:00Z"));
        assertThat(QuotaPeriod.start(Period.MONTH, ms("2028-02-29T23:59:59.999Z"))).isEqualTo(ms("2028-02-01T00:00:00Z"));
        assertThat(QuotaPeriod.end(Period.MONTH, ms("2027-01-31T00:00:00Z"))).isEqualTo(ms("2027-02-01T00:00:00Z"));
    }
}
