package dev.turnstile.simulations.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.RunSpec;
import dev.turnstile.stage.usageplan.TokenBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ThrottleRate's verdict on ledgers made by the local stage's own token bucket (rate 100, burst 200, 200 arrivals/s
 * for 30 s), a bucket refilling twice as fast, and answers other than 429 TooManyRequestsException.
 */
class ThrottleRateJudgeTest {

    private static final String SCENARIO = "ThrottleRate:key-allow";
    private final RunSpec spec = Runs.spec("ThrottleRate", 100, 200, 5000, 200, "local");

    /** 200 evenly spaced arrivals per second for 30 s through a bucket of {@code burst} refilling at {@code rate}. */
    private static List<LedgerEntry> arrivals(double rate, int burst) {
        TokenBucket bucket = new TokenBucket(rate, burst, 0);
        List<LedgerEntry> out = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            long t = i * 5L;
            out.add(bucket.tryAcquire(t) ? Runs.ok(SCENARIO, t) : Runs.throttled(SCENARIO, t));
        }
        return out;
    }

    @Test
    void theLocalStagesBucketPasses() {
        Verdict v = new ThrottleRateJudge().judge(spec, arrivals(100, 200));
        assertThat(v.failures()).isEmpty();
        assertThat(v.pass()).isTrue();
        // burst + rate × T with T = 29.995 s between the first and the last send
        assertThat((long) v.observed().get("admitted")).isBetween(3195L, 3201L);
        assertThat((double) v.observed().get("steadyRate")).isBetween(99.0, 101.0);
    }

    @Test
    void aBucketRefillingTwiceAsFastFailsWithExpectedAndObserved() {
        Verdict v = new ThrottleRateJudge().judge(spec, arrivals(200, 200));
        assertThat(v.pass()).isFalse();
        assertThat(v.failures()).anySatisfy(f -> assertThat(f)
                .startsWith("ThrottleRate: admitted 6000, expected burst + rate × T = 200 + 100.0 × 29.995 s = 3199.5 [3134, 3265]"));
    }

    @Test
    void aRateTooHighAfterTheBurstFailsTheSteadyCheck() {
        // the plan's bucket for 10 s, then one refilling at 130/s: the steady rate after the burst is wrong
        TokenBucket bucket = new TokenBucket(100, 200, 0);
        TokenBucket faster = new TokenBucket(130, 2, 10_000);
        List<LedgerEntry> out = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            long t = i * 5L;
            boolean admitted = t < 10_000 ? bucket.tryAcquire(t) : faster.tryAcquire(t);
            out.add(admitted ? Runs.ok(SCENARIO, t) : Runs.throttled(SCENARIO, t));
        }
        Verdict v = new ThrottleRateJudge().judge(spec, out);
        assertThat(v.failures()).anySatisfy(f -> assertThat(f).startsWith("ThrottleRate: after the burst drained the stage admitted"));
    }

    /**
     * The stall of issue 14: the first 2.3 s of sends waited (in the client, or for the stage's first threads) and were
     * decided in a rush from 2,300 ms on; the request sent at 5 ms was answered 429. The bucket is judged on the
     * stage's decision times and passes; on send times its span would be 2.3 s too long and its steady window would
     * start while the bucket still held tokens.
     */
    @Test
    void aStartUpStallIsJudgedOnTheStagesDecisionTimesNotOnSendTimes() {
        TokenBucket bucket = new TokenBucket(100, 200, 0);
        List<LedgerEntry> out = new ArrayList<>();
        Map<String, Long> decidedAt = new HashMap<>();
        for (int i = 0; i < 6000; i++) {
            long sent = i * 5L;
            long decided = sent < 2300 ? 2300 + i / 5 : sent + 1; // 460 queued requests drain in 92 ms
            boolean admitted = bucket.tryAcquire(decided);
            LedgerEntry e = admitted
                    ? Runs.entry(SCENARIO, 200, null, sent, decided - sent + 12)
                    : Runs.entry(SCENARIO, 429, "TooManyRequestsException", sent, decided - sent + 1);
            out.add(e);
            decidedAt.put(e.requestId(), decided);
        }
        Verdict stageTimes = new ThrottleRateJudge().judge(spec, out, DecisionTimes.of(decidedAt));
        assertThat(stageTimes.failures()).isEmpty();
        assertThat(stageTimes.observed().get("decisionTimes")).isEqualTo(DecisionTimes.ACCESS_LOG);
        assertThat((double) stageTimes.observed().get("spanSeconds")).isEqualTo(27.696);

        // the answer times (send + latency) are a bound the client has without the access log: they pass too
        Verdict answerTimes = new ThrottleRateJudge().judge(spec, out);
        assertThat(answerTimes.failures()).isEmpty();
        assertThat(answerTimes.observed().get("decisionTimes")).isEqualTo(DecisionTimes.ANSWERED);

        // what the judge did before: send times stretch T by the stall and make 2,978 admitted look too few
        List<LedgerEntry> asIfDecidedWhenSent = out.stream().map(e -> Runs.entry(SCENARIO, e.status(), e.errorType(),
                e.timeMs(), 0)).toList();
        assertThat(new ThrottleRateJudge().judge(spec, asIfDecidedWhenSent).failures())
                .anySatisfy(f -> assertThat(f).startsWith("ThrottleRate: admitted 2978, expected burst + rate × T = 200 + 100.0 × 29.995 s"));
    }

    /**
     * Sent at 200/s, but the gateway took nothing from 10 s to 15 s and then the 1,000 waiting requests at once (the
     * 18:32 run at load 18 stalled like this). While it stalled the bucket filled up after 2 s and the refill of the
     * other 3 s was lost, so a right bucket admits 300 fewer than burst + rate × T: the replay of the stage's own
     * arrival times expects exactly that, and still catches a bucket refilling 30 % too fast.
     */
    @Test
    void aStallAtTheStageIsJudgedByReplayingItsArrivalsThroughThePlansBucket() {
        for (double stageRate : new double[] {100, 130}) {
            TokenBucket bucket = new TokenBucket(stageRate, 200, 0);
            List<LedgerEntry> out = new ArrayList<>();
            Map<String, Long> arrivedAt = new HashMap<>();
            for (int i = 0; i < 6000; i++) {
                long sent = i * 5L;
                long arrived = sent >= 10_000 && sent < 15_000 ? 15_000 : sent;
                boolean admitted = bucket.tryAcquire(arrived);
                LedgerEntry e = admitted ? Runs.entry(SCENARIO, 200, null, sent, arrived - sent + 12)
                        : Runs.entry(SCENARIO, 429, "TooManyRequestsException", sent, arrived - sent + 1);
                out.add(e);
                arrivedAt.put(e.requestId(), arrived);
            }
            Verdict v = new ThrottleRateJudge().judge(spec, out, DecisionTimes.of(arrivedAt));
            if (stageRate == 100) {
                assertThat(v.failures()).isEmpty();
                assertThat((long) v.observed().get("admitted")).isBetween(2890L, 2910L);
                assertThat(v.expected().get("burstPlusRateTimesT")).isEqualTo(3199.5);
                assertThat(v.observed().get("longestArrivalGapMs")).isEqualTo(5005L);
            } else {
                assertThat(v.failures()).anySatisfy(f -> assertThat(f).startsWith("ThrottleRate: admitted ")
                        .contains("expected what the plan's bucket (burst 200, rate 100.0/s) admits of the 6000 "
                                + "arrivals at the stage's own times"));
            }
        }
    }

    @Test
    void aLoadTheMachineCouldNotOfferIsReportedPlainlyInsteadOfJudged() {
        // asked 200 req/s, the injector managed one request every 8 ms (125 req/s)
        TokenBucket bucket = new TokenBucket(100, 200, 0);
        List<LedgerEntry> out = new ArrayList<>();
        for (int i = 0; i < 3750; i++) {
            long t = i * 8L;
            out.add(bucket.tryAcquire(t) ? Runs.ok(SCENARIO, t) : Runs.throttled(SCENARIO, t));
        }
        Verdict v = new ThrottleRateJudge().judge(spec, out);
        assertThat(v.pass()).isFalse();
        assertThat(v.failures()).singleElement().satisfies(f -> assertThat(f).startsWith(
                "ThrottleRate: NOT JUDGED: the injector offered 125.0 req/s of the 200.0 asked (63 %, at least 95 % "
                        + "needed); this machine could not generate the load ThrottleRate needs"));
        assertThat(v.observed()).containsEntry("offeredRps", 125.0).doesNotContainKey("admitted");
    }

    /**
     * Two injectors (pods) sending {@code perInjector} req/s each for 30 s, the second {@code skewMs} after the
     * first, into one bucket.
     */
    private static List<LedgerEntry> twoInjectors(long skewMs, long secondIntervalMs) {
        TokenBucket bucket = new TokenBucket(100, 200, 0);
        java.util.TreeMap<Long, Integer> sends = new java.util.TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            sends.put(i * 10L * 10, 0);
        }
        for (long t = skewMs; t < skewMs + 30_000; t += secondIntervalMs) {
            sends.put(t * 10 + 1, 1);
        }
        List<LedgerEntry> out = new ArrayList<>();
        sends.forEach((key, injector) -> {
            long t = key / 10;
            out.add(Runs.from(injector, bucket.tryAcquire(t) ? Runs.ok(SCENARIO, t) : Runs.throttled(SCENARIO, t)));
        });
        return out;
    }

    @Test
    void injectorsThatStartedApartButEachKeptItsShareAreJudged() {
        // 2 × 100 req/s, the second pod 1.6 s late: over the union of the spans that is 6000 / 31.6 s = 190 req/s,
        // under the 95 % of 200 asked; each injector kept exactly to its share, so the plan is judged
        Verdict v = new ThrottleRateJudge().judge(spec, twoInjectors(1600, 10));
        assertThat(v.observed()).containsEntry("offeredRps", 200.0).containsEntry("injectors", 2)
                .containsKey("admitted");
        assertThat(v.failures()).noneSatisfy(f -> assertThat(f).contains("NOT JUDGED"));
    }

    @Test
    void anInjectorThatFellBehindMakesTheRunNotJudgedNamingTheInjectors() {
        // the second injector managed one request every 16 ms (62.5 req/s): 162.5 of the 200 asked
        Verdict v = new ThrottleRateJudge().judge(spec, twoInjectors(0, 16));
        assertThat(v.failures()).singleElement().satisfies(f -> assertThat(f).startsWith(
                "ThrottleRate: NOT JUDGED: the 2 injectors offered 162.5 req/s of the 200.0 asked (81 %, at least 95 % "
                        + "needed)"));
        assertThat(v.observed()).containsEntry("offeredRps", 162.5).doesNotContainKey("admitted");
    }

    @Test
    void aRejectionOtherThanTooManyRequestsFails() {
        List<LedgerEntry> entries = new ArrayList<>(arrivals(100, 200));
        entries.set(5000, Runs.entry(SCENARIO, 429, "LimitExceededException", 25_000, 2));
        entries.set(5001, Runs.entry(SCENARIO, 502, null, 25_005, 2));
        Verdict v = new ThrottleRateJudge().judge(spec, entries);
        assertThat(v.failures()).contains("ThrottleRate: 2 rejections were not 429 TooManyRequestsException (observed "
                        + v.observed().get("byOutcome") + ")", "ThrottleRate: 1 requests got a 5xx");
    }

    @Test
    void anUnreachableStageNeverPasses() {
        assertThat(new ThrottleRateJudge().judge(spec, List.of()).failures())
                .contains("ThrottleRate: no request was recorded: the simulation could not reach the stage or sent nothing");
        assertThat(new ThrottleRateJudge().judge(spec, List.of(Runs.entry(SCENARIO, 0, null, 0, 10000))).failures())
                .contains("ThrottleRate: 1 of 1 requests got no answer (stage unreachable or client timeout)");
        List<LedgerEntry> overloaded = new ArrayList<>(arrivals(100, 200));
        overloaded.set(3000, Runs.entry(SCENARIO, 0, null, 15_000, 60_000));
        assertThat(new ThrottleRateJudge().judge(spec, overloaded).failures()).containsExactly(
                "ThrottleRate: 1 of 6000 requests got no answer (stage unreachable or client timeout)",
                "ThrottleRate: NOT JUDGED: 1 of 6000 requests got no answer, so the stage could not carry this load "
                        + "here; the usage-plan checks are skipped");
    }
}
