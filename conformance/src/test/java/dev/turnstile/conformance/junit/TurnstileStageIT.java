package dev.turnstile.conformance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.selection.StageSelection;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shipped extension as a team uses it: plain JUnit classes that register {@link TurnstileStage} with a builder
 * (no system property), run here through the JUnit Platform's test kit so their outcome — including a class failed by
 * its cross-check — can be asserted. Runs in embedded mode only (against a deployed stack it would start local stages
 * nobody asked for).
 */
class TurnstileStageIT {

    /** The profile file of this JVM's default embedded stage (the suite's), for the profile-file case. */
    static volatile Path runningStage;
    /** The request whose item {@link CrossCheckCatchesAMissingItem} deletes. */
    static volatile String deletedItemId;

    @BeforeAll
    static void embeddedModeOnly() {
        assumeTrue(StageSelection.fromSystemProperties().mode() == StageSelection.Mode.EMBEDDED,
                "the extension's own test starts embedded stages; this run selected "
                        + StageSelection.fromSystemProperties().describe());
        StageProfile suiteStage = StageSelection.embedded().build().profile();
        runningStage = Path.of(suiteStage.local().dataDir(), "stage.json");
    }

    private static StageResponse store(StageRun run, String scenario) {
        return run.send(StageRequest.to("POST", "/items").apiKey(run.profile().key("-standard")).token("allow")
                .json("{\"case\":\"extension\"}").scenario(scenario).build());
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    /** An embedded stage of its own, with a template parameter. */
    static class EmbeddedWithAParameter {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.embedded().parameter("ThrottleRate", "10").build();

        @Test
        void theStandardPlanHasTheParameterRate(StageProfile profile) {
            assertThat(profile.plan("-standard").throttle().rateLimit()).isEqualTo(10.0);
        }

        @Test
        void aRequestIsStored(StageRun run) {
            assertThat(store(run, "embedded-parameter").status()).isEqualTo(200);
        }
    }

    /** A stage that is already running, by its profile file. */
    static class RunningStageByItsProfile {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.profile(runningStage).build();

        @Test
        void aRequestIsStored(StageRun run) {
            assertThat(run.profile().invokeUrl()).isEqualTo(StageProfile.read(runningStage).invokeUrl());
            assertThat(store(run, "profile-file").status()).isEqualTo(200);
        }
    }

    /** Stores one item, then deletes it behind the stage's back: the class's cross-check must fail. */
    static class CrossCheckCatchesAMissingItem {
        @RegisterExtension
        static TurnstileStage stage = TurnstileStage.embedded().build();

        @Test
        void storedThenDeleted(StageRun run) {
            StageResponse stored = store(run, "deleted-behind-its-back");
            assertThat(stored.status()).isEqualTo(200);
            deletedItemId = stored.extendedRequestId();
            run.clients().dynamoDb().deleteItem(r -> r.tableName(run.profile().table())
                    .key(Map.of("ID", AttributeValue.fromS(stored.extendedRequestId()))));
        }
    }

    @Test
    void anEmbeddedStageBuiltWithAParameterPassesItsCrossCheck() {
        EngineExecutionResults results = run(EmbeddedWithAParameter.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(EmbeddedWithAParameter.class), finishedSuccessfully()));
    }

    @Test
    void aRunningStageIsUsedThroughItsProfileFile() {
        EngineExecutionResults results = run(RunningStageByItsProfile.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(RunningStageByItsProfile.class), finishedSuccessfully()));
    }

    @Test
    void aCrossCheckFailureFailsTheClassNamingTheRequest() {
        EngineExecutionResults results = run(CrossCheckCatchesAMissingItem.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(CrossCheckCatchesAMissingItem.class),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.startsWith("cross-check of run CrossCheckCatchesAMissingItem-")
                                && m.contains("2xx without a DynamoDB item (1): " + deletedItemId)))));
    }
}
