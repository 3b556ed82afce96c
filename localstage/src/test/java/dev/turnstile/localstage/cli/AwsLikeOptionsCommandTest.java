package dev.turnstile.localstage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.awslike.AwsLikeOptions;
import dev.turnstile.localstage.awslike.AwsLikeOptions.NodeSpread;
import dev.turnstile.localstage.awslike.DelayRange;
import dev.turnstile.localstage.awslike.StageFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's AWS-like knobs and faults: off by default, defaults from docs/aws-behaviour.md §15. */
class AwsLikeOptionsCommandTest {

    private static LocalStageCommand parse(String... args) {
        LocalStageCommand command = new LocalStageCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutTheOptionTheStageIsExactAndFaultless() {
        LocalStageCommand c = parse();
        assertThat(c.awsLikeOptions()).isEqualTo(AwsLikeOptions.exact());
        assertThat(c.faults()).isEmpty();
    }

    @Test
    void awsLikeAloneTakesTheDocumentedDefaults() {
        AwsLikeOptions o = parse("--aws-like").awsLikeOptions();
        assertThat(o).isEqualTo(AwsLikeOptions.awsDefaults());
        assertThat(o.logDelivery()).isEqualTo(DelayRange.parse("2s..20s"));
        assertThat(o.gatewayNodes()).isEqualTo(4);
        assertThat(o.usageLag()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.coldStartDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyKnobCanBeSet() {
        AwsLikeOptions o = parse("--aws-like", "--log-delivery-delay", "PT1S..PT5M", "--usage-lag", "500ms",
                "--gateway-nodes", "8", "--node-spread", "round-robin", "--quota-sync", "2s", "--cold-start-delay",
                "PT0.25S", "--aws-like-seed", "9").awsLikeOptions();
        assertThat(o).isEqualTo(new AwsLikeOptions(true, new DelayRange(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                Duration.ofMillis(500), 8, NodeSpread.ROUND_ROBIN, Duration.ofSeconds(2), Duration.ofMillis(250), 9));
    }

    @Test
    void aKnobWithoutAwsLikeIsRefused() {
        assertThatThrownBy(() -> parse("--gateway-nodes", "8").awsLikeOptions())
                .hasMessageStartingWith("--log-delivery-delay, --usage-lag, --gateway-nodes").hasMessageEndingWith("need --aws-like");
    }

    @Test
    void faultsAreRepeatable() {
        assertThat(parse("--fault", "drop-put", "--fault", "lose-access-log").faults())
                .containsExactlyInAnyOrder(StageFault.DROP_PUT, StageFault.LOSE_ACCESS_LOG);
    }
}
