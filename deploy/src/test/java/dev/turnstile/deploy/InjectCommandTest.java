package dev.turnstile.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.deploy.local.KubernetesManifests;
import dev.turnstile.simulations.InjectorShare;
import dev.turnstile.simulations.SimulationSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion index as the injector's share: what the simulation reads back from the properties it is given. */
class InjectCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theCompletionIndexAndTheManifestsCountAreTheSimulationsShare() {
        Job job = KubernetesManifests.read(Path.of("kubernetes")).get(Job.class, "turnstile-injectors");
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        int injectors = Integer.parseInt(args.get(args.indexOf("--injectors") + 1));
        for (int index = 0; index < job.getSpec().getCompletions(); index++) {
            Properties p = InjectCommand.properties(Map.of("JOB_COMPLETION_INDEX", Integer.toString(index)),
                    injectors, profile(tmp.resolve("stage.json")));
            assertThat(new SimulationSettings(p, false).injectorShare()).isEqualTo(new InjectorShare(injectors, index));
            assertThat(p.getProperty("turnstile.stage")).isEqualTo(tmp.resolve("stage.json").toString());
        }
    }

    @Test
    void aStackIsDiscoveredInThePod() {
        InjectCommand.StageChoice stage = new InjectCommand.StageChoice();
        stage.stack = "turnstile";
        Properties p = InjectCommand.properties(Map.of("JOB_COMPLETION_INDEX", "1"), 2, stage);
        assertThat(p.getProperty("turnstile.stack")).isEqualTo("turnstile");
        assertThat(p.getProperty("turnstile.stage")).isNull();
    }

    @Test
    void withoutTheIndexOnlyASingleInjectorRuns() {
        assertThat(InjectCommand.properties(Map.of(), 1, profile(tmp)).getProperty("turnstile.injector")).isEqualTo("0");
        assertThatThrownBy(() -> InjectCommand.properties(Map.of(), 4, profile(tmp)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JOB_COMPLETION_INDEX is not set: run as a pod of an Indexed Job (completionMode: Indexed),"
                        + " or set it to this injector's index 0..3");
    }

    @Test
    void anIndexOutsideTheCountOrNotANumberIsRefused() {
        assertThatThrownBy(() -> InjectCommand.properties(Map.of("JOB_COMPLETION_INDEX", "4"), 4, profile(tmp)))
                .hasMessage("JOB_COMPLETION_INDEX=4 is not an injector of 4: the Job's completions and --injectors "
                        + "must be equal");
        assertThatThrownBy(() -> InjectCommand.properties(Map.of("JOB_COMPLETION_INDEX", "x"), 4, profile(tmp)))
                .hasMessage("JOB_COMPLETION_INDEX must be a whole number, got x");
    }

    @Test
    void anUnknownSimulationIsRefusedByName() {
        assertThat(InjectCommand.simulationClass("ThrottleRate"))
                .isEqualTo("dev.turnstile.simulations.ThrottleRateSimulation");
        assertThatThrownBy(() -> InjectCommand.simulationClass("Throttle"))
                .hasMessage("no simulation Throttle (no class dev.turnstile.simulations.ThrottleSimulation)");
    }

    @Test
    void theRunFolderIsTheNewestOfThisInjectorWithARunSpec() throws Exception {
        Path runs = tmp.resolve("target/turnstile/runs");
        Files.createDirectories(runs.resolve("ThrottleRate-i1-20261201-101010-aaaaaa"));
        Files.writeString(runs.resolve("ThrottleRate-i1-20261201-101010-aaaaaa/run.json"), "{}");
        Files.createDirectories(runs.resolve("ThrottleRate-i1-20261201-111111-bbbbbb")); // no run.json: not ended
        Files.createDirectories(runs.resolve("ThrottleRate-i10-20261201-121212-cccccc"));
        Files.writeString(runs.resolve("ThrottleRate-i10-20261201-121212-cccccc/run.json"), "{}");
        assertThat(InjectCommand.runFolder(tmp, "ThrottleRate", 1))
                .contains(runs.resolve("ThrottleRate-i1-20261201-101010-aaaaaa"));
        assertThat(InjectCommand.runFolder(tmp, "ThrottleRate", 2)).isEmpty();
    }

    @Test
    void anInjectorRefusesAFolderThatHoldsAFinishedOne() {
        new InjectorMarker("ThrottleRate", 2, 0, "target/turnstile/runs/x", 0, null, 1L).write(tmp);
        InjectCommand command = new InjectCommand();
        command.workDir = tmp;
        command.simulation = "ThrottleRate";
        command.injectors = 2;
        command.stage = profile(tmp.resolve("stage.json"));
        assertThatThrownBy(command::call).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(tmp + " already holds a finished injector (injector.json): give the run a new name "
                        + "(ConfigMap turnstile-run, key run)");
    }

    private static InjectCommand.StageChoice profile(Path file) {
        InjectCommand.StageChoice stage = new InjectCommand.StageChoice();
        stage.profile = file;
        return stage;
    }
}
