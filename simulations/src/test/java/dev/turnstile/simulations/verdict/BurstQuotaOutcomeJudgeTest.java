package dev.turnstile.simulations.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.RequestClass;
import dev.turnstile.simulations.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Burst, Quota, Smoke and AuthorizerMix verdicts on ledgers with known answers. */
class BurstQuotaOutcomeJudgeTest {

    private static final String SPIKE = "Burst:key-allow:spike";

    /** 400 requests sent within 40 ms; the first {@code admitted} get 200, the rest 429 answered by 60 ms. */
    private static List<LedgerEntry> spike(int admitted) {
        List<LedgerEntry> out = new ArrayList<>();
        out.add(Runs.ok("Burst:key-allow:warm-up", -3000));
        for (int i = 0; i < 400; i++) {
            long t = i / 10;
            out.add(i < admitted ? Runs.entry(SPIKE, 200, null, t, 800) : Runs.entry(SPIKE, 429,
                    "TooManyRequestsException", t, 20));
        }
        return out;
    }

    @Test
    void burstAdmitsTheBucketPlusTheRefillDuringTheSpike() {
        RunSpec spec = Runs.spec("Burst", 100, 200, 5000, 0, "local");
        // spike 60 ms → at most 6 tokens refill: [196, 208] with the 2 % + 2 tolerance
        assertThat(new BurstJudge().judge(spec, spike(203)).failures()).isEmpty();
        assertThat(new BurstJudge().judge(spec, spike(260)).failures()).anySatisfy(f -> assertThat(f)
                .startsWith("Burst: admitted 260 of a 400-request spike, expected burst 200"));
        assertThat(new BurstJudge().judge(spec, spike(150)).pass()).isFalse();
    }

    @Test
    void aSpikeWithNoRejectionIsJudgedOnTheSendSpreadNotOnSlowAnswers() {
        // every request admitted and answered seconds later (queued behind Lambda): the refill window is the sends'
        // 39 ms, not the answers' seconds, so admitting all 400 fails
        Verdict v = new BurstJudge().judge(Runs.spec("Burst", 100, 200, 5000, 0, "local"), spike(400));
        assertThat(v.pass()).isFalse();
        assertThat((double) v.observed().get("spikeSeconds")).isEqualTo(0.039);
    }

    @Test
    void withTheAccessLogTheSpikeLastsFromItsFirstToItsLastArrivalAtTheGateway() {
        // sent within 40 ms, but the gateway received them over 1.5 s (the client's connections queued): the bucket
        // refilled 150 tokens meanwhile, so 340 admitted is right, judged on the stage's requestTimeEpoch
        List<LedgerEntry> ledger = spike(340);
        Verdict v = judgedOver(ledger, 1_500);
        assertThat(v.failures()).isEmpty();
        assertThat((double) v.observed().get("spikeSeconds")).isEqualTo(1.5);
        assertThat(v.observed().get("spikeTimes")).isEqualTo(DecisionTimes.ACCESS_LOG);
        // the same ledger without the stage's times keeps the client's send spread, and fails
        assertThat(new BurstJudge().judge(Runs.spec("Burst", 100, 200, 5000, 0, "local"), ledger).pass()).isFalse();
    }

    @Test
    void aSpikeDecidedSoSlowlyThatTheRefillCoversItIsNotJudged() {
        // over 2.5 s the bucket refills 250 tokens on top of its 200: every count of 400 would fit, so no verdict
        Verdict v = judgedOver(spike(400), 2_500);
        assertThat(v.pass()).isFalse();
        assertThat(v.failures()).containsExactly("Burst: NOT JUDGED: the stage decided the 400-request spike over "
                + "2.500 s, in which the bucket refills 250.0 of rate 100.0/s on top of burst 200: any admitted count "
                + "would fit, so the spike shows nothing of the burst (an overloaded machine; run it again on a "
                + "quieter one)");
    }

    /** Burst at rate 100, burst 200, judged with the spike's arrivals at the gateway spread over {@code spanMs}. */
    private static Verdict judgedOver(List<LedgerEntry> ledger, long spanMs) {
        return new BurstJudge().judge(Runs.spec("Burst", 100, 200, 5000, 0, "local"), ledger,
                DecisionTimes.of(arrivalsOver(ledger, spanMs)));
    }

    /** The spike's arrivals at the gateway spread evenly over {@code spanMs}; the warm-up 3 s before. */
    private static java.util.Map<String, Long> arrivalsOver(List<LedgerEntry> ledger, long spanMs) {
        java.util.Map<String, Long> arrivals = new java.util.HashMap<>();
        int i = 0;
        for (LedgerEntry e : ledger) {
            arrivals.put(e.requestId(), 1_000_000L + (e.scenario().equals(SPIKE) ? spanMs * i++ / 399 : -3000));
        }
        return arrivals;
    }

    @Test
    void quotaIsExactLocallyAndGetUsageMustAgree() {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            entries.add(i < 50 ? Runs.ok("Quota:key-allow", i * 125L)
                    : Runs.entry("Quota:key-allow", 429, "LimitExceededException", i * 125L, 2));
        }
        RunSpec spec = Runs.spec("Quota", 10, 20, 50, 8, "local").withUsageBefore(List.of(7L, 50L));
        assertThat(new QuotaJudge().judge(spec.withUsageAfter(List.of(57L, 0L)), entries).failures()).isEmpty();
        assertThat(new QuotaJudge().judge(spec.withUsageAfter(List.of(56L, 1L)), entries).failures())
                .containsExactly("Quota: GetUsage disagrees: [used, remaining] went from [7, 50] to [56, 1] for 50 "
                        + "admitted requests (expected [57, 0])");
        entries.set(55, Runs.ok("Quota:key-allow", 55 * 125L));
        assertThat(new QuotaJudge().judge(spec.withUsageAfter(List.of(58L, 0L)), entries).failures())
                .contains("Quota: admitted 51 of 60 requests, expected the quota 50");
    }

    @Test
    void smokeNeedsEveryClassWithItsExactAnswer() {
        List<LedgerEntry> entries = new ArrayList<>(Arrays.stream(RequestClass.values())
                .map(c -> Runs.entry(c.scenario("Smoke"), c.expected().status(), c.expected().errorType(), 0, 5))
                .toList());
        RunSpec spec = Runs.spec("Smoke", 100, 200, 5000, 0, "local");
        assertThat(Judge.forSimulation("Smoke").judge(spec, entries).failures()).isEmpty();

        entries.set(1, Runs.entry(RequestClass.KEY_DENY.scenario("Smoke"), 403, "ForbiddenException", 0, 5));
        entries.remove(entries.size() - 1);
        Verdict v = Judge.forSimulation("Smoke").judge(spec, entries);
        assertThat(v.failures()).anySatisfy(f -> assertThat(f).contains(
                "key-deny ", ": expected 403 AccessDeniedException, observed 403 ForbiddenException"));
        assertThat(v.failures()).contains("Smoke: classes never sent: [TENANT_MISSING]");
    }

    @Test
    void authorizerMixDoesNotNeedEveryClass() {
        RunSpec spec = Runs.spec("AuthorizerMix", 100, 200, 5000, 20, "local");
        List<LedgerEntry> entries = List.of(
                Runs.entry(RequestClass.KEY_INVALID_TOKEN.scenario("AuthorizerMix"), 500,
                        "AuthorizerConfigurationException", 0, 5),
                Runs.ok(RequestClass.TENANT_ALLOWED.scenario("AuthorizerMix"), 10));
        assertThat(Judge.forSimulation("AuthorizerMix").judge(spec, entries).pass()).isTrue();
    }
}
