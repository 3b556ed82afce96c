package dev.turnstile.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.selection.StageSelection;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The injector split, the tolerance band, the settings' validation and the stage the settings select. */
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
    void theEmbeddedStageRunsTheTemplatesPlanUnlessTheUserChoseParametersOrAnotherStage() {
        assertThat(SimulationSettings.stage(props(), null)).as("the main job verifies what the template deploys")
                .isEqualTo(StageSelection.embedded().build());
        assertThat(SimulationSettings.stage(props(), null).parameters()).isEmpty();
        assertThat(SimulationSettings.stage(props("turnstile.params", "ThrottleRate=20,ThrottleBurst=40"), null)
                .parameters()).containsExactly(Map.entry("ThrottleRate", "20"), Map.entry("ThrottleBurst", "40"));
        // Capacity's unthrottled plan applies only when the user gave no parameters and no other stage
        assertThat(SimulationSettings.stage(props(), "QuotaLimit=1").parameters())
                .containsExactly(Map.entry("QuotaLimit", "1"));
        assertThat(SimulationSettings.stage(props("turnstile.params", "ThrottleRate=7"), "QuotaLimit=1")
                .parameters()).containsExactly(Map.entry("ThrottleRate", "7"));
        assertThat(SimulationSettings.stage(props("turnstile.params", ""), "QuotaLimit=1")
                .parameters()).as("-Dturnstile.params= asks for the template's own values").isEmpty();
        assertThat(SimulationSettings.stage(props("turnstile.stack", "turnstile"), "QuotaLimit=1"))
                .isEqualTo(StageSelection.stack("turnstile").build());
        assertThat(SimulationSettings.stage(props("turnstile.stage", "s.json"), "QuotaLimit=1").parameters()).isEmpty();
    }

    @Test
    void latencyWarmUpAndCapacityKeyKnobs() {
        assertThat(new SimulationSettings(props(), false).p99Ms()).isEqualTo(5_000);
        assertThat(new SimulationSettings(props("turnstile.p99", "800"), false).p99Ms()).isEqualTo(800);
        assertThatThrownBy(() -> new SimulationSettings(props("turnstile.p99", "1.5"), false).p99Ms())
                .hasMessage("-Dturnstile.p99 must be a positive whole number of ms, got 1.5");
        assertThat(new SimulationSettings(props(), false).warmUp()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new SimulationSettings(props("turnstile.warmup", "FALSE"), false).warmUp()).isZero();
        assertThat(new SimulationSettings(props("turnstile.warmup", "12"), false).warmUp()).isEqualTo(Duration.ofSeconds(12));
        assertThat(new SimulationSettings(props("turnstile.warmup", "PT1M"), false).warmUp()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> new SimulationSettings(props("turnstile.warmup", "no"), false).warmUp())
                .hasMessage("-Dturnstile.warmup must be true, false or a duration (seconds or ISO-8601 like PT10S), got no");
        assertThat(new SimulationSettings(props(), false).capacityKey()).isEmpty();
        assertThat(new SimulationSettings(props("turnstile.capacity.key", " k1 "), false).capacityKey()).contains("k1");
        assertThat(new SimulationSettings(props(), false).offeredShare()).isEqualTo(0.95);
        assertThat(new SimulationSettings(props("turnstile.offered.share", "0.8"), false).offeredShare()).isEqualTo(0.8);
        assertThatThrownBy(() -> new SimulationSettings(props("turnstile.offered.share", "1.2"), false).offeredShare())
                .hasMessage("-Dturnstile.offered.share must be in (0, 1], got 1.2");
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
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
