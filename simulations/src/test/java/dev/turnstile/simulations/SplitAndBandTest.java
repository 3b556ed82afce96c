package dev.turnstile.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The injector split, the tolerance band and the settings' validation. */
class SplitAndBandTest {

    @Test
    void injectorSharesAddUpExactly() {
        for (int n = 1; n <= 5; n++) {
            int count = n;
            long total = IntStream.range(0, n).mapToLong(i -> new InjectorShare(count, i).requests(401)).sum();
            assertThat(total).isEqualTo(401);
        }
        assertThat(new InjectorShare(2, 1).rate(200)).isEqualTo(100.0);
        assertThatThrownBy(() -> new InjectorShare(2, 2)).hasMessage("-Dturnstile.injector must be in 0..1, got 2");
    }

    @Test
    void bandIsPercentPlusRequests() {
        Band band = Band.around(3200, 0.02, 2);
        assertThat(band.min()).isEqualTo(3134);
        assertThat(band.max()).isEqualTo(3266);
        assertThat(band.contains(3133)).isFalse();
        assertThat(Band.exactly(50).toString()).isEqualTo("50");
    }

    @Test
    void settingsRefuseNonsenseNamingTheProperty() {
        Properties p = new Properties();
        p.setProperty("turnstile.throttle.duration", "soon");
        assertThatThrownBy(() -> new SimulationSettings(p, false).throttleDuration())
                .hasMessageStartingWith("-Dturnstile.throttle.duration must be seconds or an ISO-8601 duration");
        p.setProperty("turnstile.throttle.duration", "12");
        assertThat(new SimulationSettings(p, false).throttleDuration().toSeconds()).isEqualTo(12);
        p.setProperty("turnstile.capacity.steps", "100,50");
        assertThatThrownBy(() -> new SimulationSettings(p, false).capacitySteps())
                .hasMessage("-Dturnstile.capacity.steps must be positive and ascending, got 100,50");
        assertThat(new SimulationSettings(new Properties(), true).tolerancePercent()).isEqualTo(0.10);
        assertThat(new SimulationSettings(new Properties(), false).tolerancePercent()).isEqualTo(0.02);
    }

    @Test
    void requestClassesRoundTripThroughTheLedgerScenario() {
        for (RequestClass c : RequestClass.values()) {
            assertThat(RequestClass.fromScenario(c.scenario("Smoke"))).contains(c);
        }
        assertThat(RequestClass.fromScenario("Capacity:key-allow:step=400")).contains(RequestClass.KEY_ALLOW);
        assertThat(RequestClass.TENANT_NOT_ALLOWED.tokenClass("tenant-a")).isEqualTo("allow/tenant-not-listed");
        assertThat(RequestClass.KEY_INVALID_TOKEN.tokenClass("tenant-a")).isEqualTo("invalid");
        assertThat(RequestClass.fromScenario("no-class")).isEmpty();
    }
}
