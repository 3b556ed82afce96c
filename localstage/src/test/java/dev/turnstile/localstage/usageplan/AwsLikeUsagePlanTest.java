package dev.turnstile.localstage.usageplan;

import static dev.turnstile.localstage.usageplan.StageFixture.KEY_A;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_OFF;
import static dev.turnstile.localstage.usageplan.StageFixture.POST_ITEMS;
import static dev.turnstile.localstage.usageplan.StageFixture.plan;
import static dev.turnstile.localstage.usageplan.StageFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.awslike.AwsLikeOptions.NodeSpread;
import dev.turnstile.localstage.awslike.GatewayNodes;
import dev.turnstile.localstage.awslike.UsagePlanBehaviour;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage-plan step in the AWS-like mode (docs/aws-behaviour.md §15.2–14.3): N gateway nodes with their shares of a
 * throttle, quotas counted best effort, GetUsage lagging, and the over-admission fault; on the frozen stage clock.
 */
class AwsLikeUsagePlanTest {

    private static final Throttle ACCOUNT = new Throttle(10_000, 5_000);
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    private final StageClock clock = StageClock.frozenAt(START);
    private UsagePlanService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private UsagePlanService start(StageModel model, UsagePlanBehaviour behaviour) {
        service = new UsagePlanService(model, clock, dir.resolve("usage"), ACCOUNT, behaviour);
        return service;
    }

    private static StageModel simple(Throttle throttle, Quota quota) {
        return stage(List.of(plan("pln001", throttle, quota, Map.of(), KEY_A.id(), KEY_OFF.id())), List.of());
    }

    private int admittedOf(int requests) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (service.check(POST_ITEMS, KEY_A.value()).verdict() == Verdict.ADMITTED) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void fourNodesInTurnAdmitTheBurstAndRefillEachTheirShare() {
        start(simple(new Throttle(10, 20), null),
                new UsagePlanBehaviour(new GatewayNodes(4, NodeSpread.ROUND_ROBIN, 1), 1.0, 0, 0));
        assertThat(admittedOf(21)).isEqualTo(20); // 4 nodes × 5 tokens
        UsageDecision rejected = service.check(POST_ITEMS, KEY_A.value());
        // the message names the plan's limits, not a node's share
        assertThat(rejected.detail()).endsWith("Limit: 10.00 Burst: 20");
        clock.advance(Duration.ofMillis(100)); // 1 token for the plan, 0.25 for each node: none has a whole one
        assertThat(admittedOf(4)).isZero();
        clock.advance(Duration.ofMillis(300)); // 4 tokens for the plan, one on each node
        assertThat(admittedOf(8)).isEqualTo(4);
    }

    @Test
    void randomSpreadAdmitsWhatEachNodesShareAllowsOfTheRequestsThatFellOnIt() {
        long seed = 42;
        start(simple(new Throttle(10, 20), null),
                new UsagePlanBehaviour(new GatewayNodes(4, NodeSpread.RANDOM, seed), 1.0, 0, 0));
        // the same draws, replayed apart from the stage: 40 requests at one instant, 5 tokens per node
        Random draws = new Random(seed);
        int[] left = {5, 5, 5, 5};
        int expected = 0;
        for (int i = 0; i < 40; i++) {
            int node = draws.nextInt(4);
            if (left[node] > 0) {
                left[node]--;
                expected++;
            }
        }
        assertThat(admittedOf(40)).isEqualTo(expected);
        assertThat(expected).isLessThanOrEqualTo(20);
    }

    @Test
    void overAdmissionFaultAdmitsAQuarterMoreThanThePlan() {
        start(simple(new Throttle(10, 20), null), new UsagePlanBehaviour(GatewayNodes.single(),
                UsagePlanBehaviour.OVER_ADMISSION, 0, 0));
        assertThat(admittedOf(40)).isEqualTo(25);
        clock.advance(Duration.ofSeconds(1)); // 12.5 tokens refilled
        assertThat(admittedOf(40)).isEqualTo(12);
    }

    @Test
    void quotaCountedByTwoNodesOvershootsUntilTheyResync() {
        start(simple(null, new Quota(10, QuotaPeriod.DAY, 0)),
                new UsagePlanBehaviour(new GatewayNodes(2, NodeSpread.ROUND_ROBIN, 1), 1.0, 1_000, 0));
        // node 0 read "10 left", node 1 (one request later) "9 left": each admits that many of its own before it
        // learns what the other counted
        assertThat(admittedOf(30)).isEqualTo(10 + 9);
        assertThat(service.used("pln001", KEY_A.id())).isEqualTo(19);
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);
        // UpdateUsage reaches every node at once
        service.updateRemaining("pln001", KEY_A.id(), 3);
        assertThat(admittedOf(10)).isEqualTo(3 + 2); // node 0 reads 3 left, node 1 (after node 0's first) 2
    }

    @Test
    void oneNodeCountsTheQuotaExactly() {
        start(simple(null, new Quota(10, QuotaPeriod.DAY, 0)),
                new UsagePlanBehaviour(GatewayNodes.single(), 1.0, 1_000, 0));
        assertThat(admittedOf(30)).isEqualTo(10);
    }

    @Test
    void getUsageShowsARequestOnlyOnceTheLagHasPassed() {
        start(simple(null, new Quota(100, QuotaPeriod.DAY, 0)),
                new UsagePlanBehaviour(GatewayNodes.single(), 1.0, 0, 30_000));
        LocalDate today = LocalDate.parse("2026-11-25");
        assertThat(admittedOf(3)).isEqualTo(3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(admittedOf(2)).isEqualTo(2);
        assertThat(service.usage("pln001", KEY_A.id(), today, today).get(KEY_A.id()).get(0)).containsExactly(0, 100);
        assertThat(service.used("pln001", KEY_A.id())).isEqualTo(5); // the quota itself counted them at once
        clock.advance(Duration.ofSeconds(20)); // the first three are 30 s old
        assertThat(service.usage("pln001", KEY_A.id(), today, today).get(KEY_A.id()).get(0)).containsExactly(3, 97);
        clock.advance(Duration.ofSeconds(10));
        assertThat(service.usage("pln001", KEY_A.id(), today, today).get(KEY_A.id()).get(0)).containsExactly(5, 95);
    }

    @Test
    void exactBehaviourIsTheDefaultConstructor() {
        service = new UsagePlanService(simple(new Throttle(10, 20), null), clock, dir.resolve("usage"), ACCOUNT);
        assertThat(admittedOf(40)).isEqualTo(20);
    }
}
