package dev.turnstile.conformance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension's behaviour that needs no running stage: injection, one selection per test run, builder rules, and a
 * selection that fails fails every class that uses it with one clear error before any test runs. Requests, the
 * embedded stage and the cross-check are {@code TurnstileStageIT}.
 */
class TurnstileStageTest {

    static final Path MISSING = Path.of("target", "turnstile-test", "no-such-stage.json");

    /** A class whose stage profile does not exist. */
    static class MissingProfile {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.profile(MISSING).build();

        @Test
        void neverRuns(StageRun run) {
            throw new AssertionError("ran without a stage: " + run);
        }
    }

    /** A second class with the same selection: fails with the same cause. */
    static class SameMissingProfile {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.profile(MISSING).build();

        @Test
        void neverRuns(StageRun run) {
            throw new AssertionError("ran without a stage: " + run);
        }
    }

    static final Path DEPLOYED = Path.of("target", "turnstile-test", "deployed-stage.json");

    /**
     * Gets the profile of {@link #DEPLOYED}, then deletes the file: whichever of the two classes runs second can only
     * have its profile from the test run's memo.
     */
    static class ReadsThenDeletesTheProfile {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.profile(DEPLOYED).build();

        @Test
        void profileAndRunAreInjected(StageProfile profile, StageRun run) throws Exception {
            assertInjectedThenDeleteTheProfile(getClass(), profile, run);
        }
    }

    /** What both classes check: the deployed profile and a run of the class's own, injected. */
    static void assertInjectedThenDeleteTheProfile(Class<?> testClass, StageProfile profile, StageRun run)
            throws Exception {
        assertThat(profile.invokeUrl()).isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com/Prod");
        assertThat(run.profile()).isSameAs(profile);
        assertThat(run.ledger().runId()).startsWith(testClass.getSimpleName() + "-");
        Files.deleteIfExists(DEPLOYED);
    }

    /** The same selection in a second class. */
    static class SameSelectionAgain {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.profile(DEPLOYED).build();

        @Test
        void profileAndRunAreInjected(StageProfile profile, StageRun run) throws Exception {
            assertInjectedThenDeleteTheProfile(getClass(), profile, run);
        }
    }

    @Test
    void aStageIsSelectedOncePerTestRunAndInjectedIntoEachClass() throws Exception {
        Files.createDirectories(DEPLOYED.getParent());
        // a deployed stage's profile: no endpoints, so nothing here talks to a network
        Files.writeString(DEPLOYED, "{\"kind\":\"aws\",\"region\":\"eu-west-1\",\"invokeUrl\":"
                + "\"https://abc.execute-api.eu-west-1.amazonaws.com/Prod\",\"restApiId\":\"abc\",\"stageName\":\"Prod\"}");
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ReadsThenDeletesTheProfile.class), selectClass(SameSelectionAgain.class))
                .execute().testEvents();
        tests.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        assertThat(DEPLOYED).doesNotExist();
    }

    @Test
    void aSelectionThatFailsFailsEachClassBeforeItsTestsWithTheCause() {
        Events containers = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(MissingProfile.class), selectClass(SameMissingProfile.class))
                .execute().containerEvents();
        String expected = "cannot select the stage profile " + MISSING + ": stage profile not found: "
                + MISSING.toAbsolutePath();
        for (Class<?> c : new Class<?>[] {MissingProfile.class, SameMissingProfile.class}) {
            containers.assertThatEvents().haveExactly(1, event(container(c),
                    finishedWithFailure(instanceOf(IllegalStateException.class), message(expected))));
        }
        assertThat(EngineTestKit.engine("junit-jupiter").selectors(selectClass(MissingProfile.class)).execute()
                .testEvents().started().count()).as("tests started").isZero();
    }

    @Test
    void templateParametersAreForTheEmbeddedStageOnly() {
        assertThatThrownBy(() -> TurnstileStage.stack("turnstile").parameter("ThrottleRate", "10").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template parameters [ThrottleRate] apply to the embedded local stage only; a running or "
                        + "deployed stage keeps its own parameters");
        assertThatThrownBy(() -> TurnstileStage.embedded().parameter("Throttle Rate", "10"))
                .hasMessage("'Throttle Rate' is not a CloudFormation parameter name (alphanumeric)");
    }
}
