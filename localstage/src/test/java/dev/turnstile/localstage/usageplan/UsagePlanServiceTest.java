package dev.turnstile.localstage.usageplan;

import static dev.turnstile.localstage.usageplan.StageFixture.GET_HEALTH;
import static dev.turnstile.localstage.usageplan.StageFixture.GET_ITEMS;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_A;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_B;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_NO_PLAN;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_OFF;
import static dev.turnstile.localstage.usageplan.StageFixture.POST_ITEMS;
import static dev.turnstile.localstage.usageplan.StageFixture.plan;
import static dev.turnstile.localstage.usageplan.StageFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsagePlanServiceTest {

    private static final Throttle ACCOUNT = new Throttle(10_000, 5_000);

    @TempDir
    Path dir;
    private final StageClock clock = StageClock.frozenAt(Instant.parse("2026-11-25T10:00:00Z"));
    private UsagePlanService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private UsagePlanService start(StageModel model) {
        return start(model, ACCOUNT);
    }

    private UsagePlanService start(StageModel model, Throttle account) {
        service = new UsagePlanService(model, clock, dir.resolve("usage"), account);
        return service;
    }

    private static StageModel simple(Throttle throttle, Quota quota) {
        return stage(List.of(plan("pln001", throttle, quota, Map.of(), KEY_A.id(), KEY_OFF.id())), List.of());
    }

    private int admittedOf(int requests, String key) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (service.check(POST_ITEMS, key).verdict() == Verdict.ADMITTED) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void keyThrottleBurstTwentyRateTen() {
        start(simple(new Throttle(10, 20), null));
        assertThat(admittedOf(20, KEY_A.value())).isEqualTo(20);
        UsageDecision rejected = service.check(POST_ITEMS, KEY_A.value());
        assertThat(rejected).isEqualTo(new UsageDecision(Verdict.THROTTLED, KEY_A.id(), "pln001",
                "Key throttle limit exceeded for Usage Plan ID pln001, RestApi a1b2c3d4e5, Stage Prod, Resource /items,"
                        + " HttpMethod POST. Limit: 10.00 Burst: 20"));
        clock.advance(Duration.ofMillis(100));
        assertThat(service.check(POST_ITEMS, KEY_A.value()))
                .isEqualTo(new UsageDecision(Verdict.ADMITTED, KEY_A.id(), "pln001", null));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.THROTTLED);
    }

    @Test
    void fractionalKeyRate() {
        start(simple(new Throttle(0.25, 1), null));
        assertThat(admittedOf(3, KEY_A.value())).isEqualTo(1);
        clock.advance(Duration.ofMillis(3_999));
        assertThat(admittedOf(1, KEY_A.value())).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(admittedOf(2, KEY_A.value())).isEqualTo(1);
    }

    @Test
    void missingUnknownDisabledAndPlanlessKeysAreInvalid() {
        start(simple(null, null));
        UsageDecision missing = service.check(POST_ITEMS, null);
        assertThat(missing.verdict()).isEqualTo(Verdict.INVALID_API_KEY);
        assertThat(missing.apiKeyId()).isNull();
        assertThat(service.check(POST_ITEMS, "ZZZZZZZZZZZZZZZZZZZZZZZZ").apiKeyId()).isNull();
        assertThat(service.check(POST_ITEMS, KEY_OFF.value())).isEqualTo(new UsageDecision(Verdict.INVALID_API_KEY,
                KEY_OFF.id(), "pln001", "API Key **********valO not authorized because method 'POST /items' requires"
                        + " API Key and API Key is disabled"));
        // KEY_NO_PLAN is only in plans of other stages: none of this stage's plans lists it
        assertThat(service.check(POST_ITEMS, KEY_NO_PLAN.value())).isEqualTo(new UsageDecision(Verdict.INVALID_API_KEY,
                KEY_NO_PLAN.id(), null, "API Key **********valN not authorized because method 'POST /items' requires"
                        + " API Key and API Key is not associated with a Usage Plan for API Stage a1b2c3d4e5/Prod:"
                        + " No Usage Plan found for key and API stage"));
    }

    @Test
    void notMeteredMethodIgnoresKeysAndConsumesNoQuota() {
        start(simple(new Throttle(1, 1), new Quota(1, QuotaPeriod.DAY, 0)));
        for (String key : new String[] {null, "garbage", KEY_OFF.value(), KEY_A.value()}) {
            assertThat(service.check(GET_HEALTH, key)).isEqualTo(new UsageDecision(Verdict.NOT_METERED, null, null, null));
        }
        assertThat(service.used("pln001", KEY_A.id())).isZero();
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void quotaCutsAtLimitAndResetsAtUtcMidnight() {
        start(simple(null, new Quota(5, QuotaPeriod.DAY, 0)));
        assertThat(admittedOf(5, KEY_A.value())).isEqualTo(5);
        assertThat(service.check(POST_ITEMS, KEY_A.value())).isEqualTo(new UsageDecision(Verdict.QUOTA_EXCEEDED,
                KEY_A.id(), "pln001", "Key quota exhausted for Usage Plan ID pln001. Limit: 5 Period: DAY"));
        assertThat(service.used("pln001", KEY_A.id())).isEqualTo(5);
        assertThat(service.remaining("pln001", KEY_A.id())).isZero();
        clock.set(Instant.parse("2026-11-25T23:59:59.999Z"));
        assertThat(admittedOf(1, KEY_A.value())).isZero();
        clock.set(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(admittedOf(6, KEY_A.value())).isEqualTo(5);
    }

    @Test
    void weeklyQuotaResetsOnMondayAndMonthlyOnTheFirst() {
        StageModel model = stage(List.of(
                plan("week01", null, new Quota(2, QuotaPeriod.WEEK, 0), Map.of(), KEY_A.id()),
                plan("mon001", null, new Quota(2, QuotaPeriod.MONTH, 0), Map.of(), KEY_B.id())), List.of());
        clock.set(Instant.parse("2027-02-27T12:00:00Z")); // a Saturday
        start(model);
        assertThat(admittedOf(3, KEY_A.value())).isEqualTo(2);
        assertThat(admittedOf(3, KEY_B.value())).isEqualTo(2);
        clock.set(Instant.parse("2027-02-28T23:59:59.999Z")); // Sunday, last day of February
        assertThat(admittedOf(1, KEY_A.value())).isZero();
        assertThat(admittedOf(1, KEY_B.value())).isZero();
        clock.set(Instant.parse("2027-03-01T00:00:00Z")); // Monday the 1st
        assertThat(admittedOf(3, KEY_A.value())).isEqualTo(2);
        assertThat(admittedOf(3, KEY_B.value())).isEqualTo(2);
        clock.set(Instant.parse("2027-03-08T00:00:00Z")); // next Monday, same month
        assertThat(admittedOf(3, KEY_A.value())).isEqualTo(2);
        assertThat(admittedOf(3, KEY_B.value())).isZero();
    }

    @Test
    void offsetIsSubtractedFromTheFirstPeriodOnly() {
        start(simple(null, new Quota(5, QuotaPeriod.DAY, 2)));
        assertThat(admittedOf(5, KEY_A.value())).isEqualTo(3);
        clock.set(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(admittedOf(6, KEY_A.value())).isEqualTo(5);
    }

    @Test
    void methodThrottleComesFirstAndIsPerMethod() {
        start(stage(List.of(plan("pln001", new Throttle(100, 100), null,
                Map.of("/items/POST", new Throttle(0.5, 1)), KEY_A.id())), List.of()));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).detail()).isEqualTo(
                "Key throttle limit exceeded for Usage Plan ID pln001, RestApi a1b2c3d4e5, Stage Prod, Resource /items,"
                        + " HttpMethod POST. Limit: 0.50 Burst: 1");
        assertThat(service.check(GET_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void aLaterBucketsRejectionTakesNoEarlierToken() {
        MethodSetting postThrottle = new MethodSetting("/items", "POST", "INFO", false, false, 0.0, 2);
        start(stage(List.of(plan("pln001", new Throttle(0, 5), null, Map.of(), KEY_A.id())), List.of(postThrottle)));
        assertThat(admittedOf(2, KEY_A.value())).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(service.check(POST_ITEMS, KEY_A.value()).detail()).isEqualTo(
                    "Method throttle limit exceeded for RestApi a1b2c3d4e5, Stage Prod, Resource /items, HttpMethod POST."
                            + " Limit: 0.00 Burst: 2");
        }
        // the key bucket (burst 5, no refill) still holds 3 tokens: the 3 stage-throttled requests took none
        int viaGet = 0;
        for (int i = 0; i < 5; i++) {
            if (service.check(GET_ITEMS, KEY_A.value()).verdict() == Verdict.ADMITTED) {
                viaGet++;
            }
        }
        assertThat(viaGet).isEqualTo(3);
    }

    @Test
    void quotaRejectionTakesNoTokenAndThrottledRequestsTakeNoQuota() {
        start(simple(new Throttle(0, 3), new Quota(2, QuotaPeriod.DAY, 0)));
        assertThat(admittedOf(2, KEY_A.value())).isEqualTo(2);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);
        assertThat(service.updateRemaining("pln001", KEY_A.id(), 5)).containsExactly(2, 5);
        // one token left of 3: the quota rejections took none
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.THROTTLED);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.THROTTLED);
        assertThat(service.used("pln001", KEY_A.id())).isEqualTo(3);
        assertThat(service.remaining("pln001", KEY_A.id())).isEqualTo(4);
    }

    @Test
    void accountThrottleAppliesToMeteredAndUnmeteredMethods() {
        start(simple(null, null), new Throttle(0, 2));
        assertThat(service.check(GET_HEALTH, null).verdict()).isEqualTo(Verdict.NOT_METERED);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(service.check(GET_HEALTH, null)).isEqualTo(new UsageDecision(Verdict.THROTTLED, null, null,
                "Account throttle limit exceeded for RestApi a1b2c3d4e5, Stage Prod. Limit: 0.00 Burst: 2"));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.THROTTLED);
    }

    @Test
    void disablingAKeyTakesEffectAtOnce() {
        start(simple(null, null));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        ApiKeyView off = service.updateApiKey(KEY_A.id(), ApiKeyChanges.none().withEnabled(false)).orElseThrow();
        assertThat(off.enabled()).isFalse();
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.INVALID_API_KEY);
        service.updateApiKey(KEY_A.id(), ApiKeyChanges.none().withEnabled(true));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(service.updateApiKey("nosuchkey0", ApiKeyChanges.none())).isEmpty();
    }

    @Test
    void quotaUsageAndKeyFlagsSurviveARestart() {
        StageModel model = simple(null, new Quota(10, QuotaPeriod.DAY, 0));
        start(model);
        assertThat(admittedOf(3, KEY_A.value())).isEqualTo(3);
        service.updateApiKey(KEY_OFF.id(), ApiKeyChanges.none().withEnabled(true).withName("renamed"));
        service.close();
        service = null;

        start(model);
        assertThat(service.used("pln001", KEY_A.id())).isEqualTo(3);
        assertThat(service.remaining("pln001", KEY_A.id())).isEqualTo(7);
        assertThat(service.apiKey(KEY_OFF.id()).orElseThrow().name()).isEqualTo("renamed");
        assertThat(service.check(POST_ITEMS, KEY_OFF.value()).verdict()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void controlPlaneChangesAreOnDiskBeforeTheCallReturns() {
        StageModel model = simple(null, null);
        UsagePlanService first = new UsagePlanService(model, clock, dir.resolve("usage"), ACCOUNT);
        first.updateApiKey(KEY_A.id(), ApiKeyChanges.none().withEnabled(false));
        // a second instance on the same directory, while the first has not closed (as after kill -9)
        UsagePlanService second = new UsagePlanService(model, clock, dir.resolve("usage"), ACCOUNT);
        try {
            assertThat(second.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.INVALID_API_KEY);
        } finally {
            second.close();
            first.close();
        }
    }

    @Test
    void countedUsageIsOnDiskWhenTheRequestIsAdmitted() {
        StageModel model = simple(null, new Quota(10, QuotaPeriod.DAY, 0));
        UsagePlanService killed = new UsagePlanService(model, clock, dir.resolve("usage"), ACCOUNT);
        for (int i = 0; i < 4; i++) {
            assertThat(killed.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        }
        // a second instance on the same directory while the first never closed nor snapshotted (as after kill -9)
        start(model);
        try {
            assertThat(service.used("pln001", KEY_A.id())).isEqualTo(4);
            assertThat(service.remaining("pln001", KEY_A.id())).isEqualTo(6);
            assertThat(admittedOf(10, KEY_A.value())).isEqualTo(6);
        } finally {
            service.close();
            service = null;
            killed.close();
        }
    }

    @Test
    void aRestartCountsEachJournalledRequestOnce() {
        StageModel model = simple(null, new Quota(10, QuotaPeriod.DAY, 0));
        start(model);
        assertThat(admittedOf(2, KEY_A.value())).isEqualTo(2);
        service.updateApiKey(KEY_B.id(), ApiKeyChanges.none()); // a snapshot with the first two
        assertThat(admittedOf(3, KEY_A.value())).isEqualTo(3);
        service.close();
        start(model);
        service.close();
        start(model);

        assertThat(service.used("pln001", KEY_A.id())).isEqualTo(5);
        assertThat(service.usage("pln001", KEY_A.id(), LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25"))
                .get(KEY_A.id())).containsExactly(new long[] {5, 5});
    }

    @Test
    void dailyUsageHasOnePairPerDay() {
        clock.set(Instant.parse("2026-11-23T08:00:00Z")); // Monday
        start(stage(List.of(plan("pln001", null, new Quota(10, QuotaPeriod.WEEK, 0), Map.of(), KEY_A.id(), KEY_B.id())), List.of()));
        admittedOf(2, KEY_A.value());
        clock.set(Instant.parse("2026-11-25T08:00:00Z"));
        admittedOf(1, KEY_A.value());
        Map<String, List<long[]>> usage = service.usage("pln001", null,
                LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-26"));
        assertThat(usage.keySet()).containsExactly(KEY_A.id(), KEY_B.id());
        assertThat(usage.get(KEY_A.id())).containsExactly(
                new long[] {0, 10}, new long[] {2, 8}, new long[] {0, 8}, new long[] {1, 7}, new long[] {0, 7});
        assertThat(usage.get(KEY_B.id())).hasSize(5).allSatisfy(p -> assertThat(p).containsExactly(0, 10));
        assertThat(service.usage("pln001", KEY_B.id(), LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25")))
                .containsOnlyKeys(KEY_B.id());
    }

    /**
     * A request that read the time and then waited for the bucket's lock must not take the bucket back in time:
     * thread A reads t = 5 ms and is held inside its clock read while thread B comes at t = 10 ms. The time is read
     * under the locks, so B waits for A and the bucket sees 5 then 10. (Read before the locks, B decided first, A
     * re-anchored the bucket at 5 and the same 5 ms refilled twice: 12 admitted where 10 tokens existed.)
     */
    @Test
    void aRequestWaitingForTheLockNeverRefillsTheSameMillisecondsTwice() throws Exception {
        HeldClock held = new HeldClock();
        service = new UsagePlanService(simple(new Throttle(1_000, 10), null), new StageClock(held), dir.resolve("usage"),
                ACCOUNT);
        assertThat(admittedOf(10, KEY_A.value())).isEqualTo(10); // at t = 0 the bucket is empty

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            held.holdNextReadAt(5);
            var a = threads.submit(() -> service.check(POST_ITEMS, KEY_A.value()).verdict());
            held.awaitHeld();
            held.time.set(10);
            Thread[] bThread = new Thread[1];
            var b = threads.submit(() -> {
                bThread[0] = Thread.currentThread();
                return service.check(POST_ITEMS, KEY_A.value()).verdict();
            });
            // B either decided already (the bug) or is blocked on a lock A holds (the fix)
            await().atMost(Duration.ofSeconds(10)).until(() -> b.isDone()
                    || (bThread[0] != null && bThread[0].getState() == Thread.State.BLOCKED));
            held.release();
            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(Verdict.ADMITTED);
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(Verdict.ADMITTED);
        } finally {
            threads.shutdownNow();
        }
        // 10 ms at 1 token/ms refilled 10 tokens in all; A and B took 2 of them
        assertThat(admittedOf(20, KEY_A.value())).isEqualTo(8);
    }

    /** A base clock the test sets by hand, which can hold one read until released (returning the time it read). */
    private static final class HeldClock extends Clock {
        final AtomicLong time = new AtomicLong();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile long holdAt = -1;

        void holdNextReadAt(long millis) {
            time.set(millis);
            holdAt = millis;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public long millis() {
            long now = time.get();
            if (holdAt >= 0 && now == holdAt) {
                holdAt = -1;
                held.countDown();
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return now;
        }

        // the rest of a Clock, which the stage clock never asks this base for beyond millis()
        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
    }
}
