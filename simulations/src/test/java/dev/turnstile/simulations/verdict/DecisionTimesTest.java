package dev.turnstile.simulations.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.ledger.LedgerEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decision times from the template's access-log lines, and the fallback that never mixes two clocks. */
class DecisionTimesTest {

    private static LedgerEntry sent(String requestId, long timeMs, long latencyMs) {
        return new LedgerEntry("run", requestId, "POST /items", "key", "allow", 200, null, latencyMs, timeMs, 0,
                "ThrottleRate:key-allow");
    }

    @Test
    void theAccessLogsRequestTimeEpochIsTheDecisionTimeOfEveryRequestItHolds() {
        DecisionTimes times = DecisionTimes.fromAccessLog(List.of(
                "{\"requestId\":\"a\",\"requestTimeEpoch\":\"1796315447809\",\"status\":\"200\"}",
                "{\"requestId\":\"b\",\"requestTimeEpoch\":\"1796315447821\",\"status\":\"429\"}",
                "{\"requestId\":\"c\",\"requestTimeEpoch\":\"-\"}",
                "not json"));
        List<LedgerEntry> judged = List.of(sent("a", 1796315447000L, 900), sent("b", 1796315447001L, 830));
        DecisionTimes.Resolved resolved = times.resolve(judged);
        assertThat(resolved.source()).isEqualTo("stage: access log requestTimeEpoch");
        assertThat(resolved.of(judged.get(0))).isEqualTo(1796315447809L);
        assertThat(resolved.of(judged.get(1))).isEqualTo(1796315447821L);
    }

    @Test
    void oneRequestMissingFromTheLogPutsEveryRequestOnItsAnswerTime() {
        DecisionTimes times = DecisionTimes.fromAccessLog(List.of(
                "{\"requestId\":\"a\",\"requestTimeEpoch\":\"1796315447809\"}"));
        List<LedgerEntry> judged = List.of(sent("a", 1000, 900), sent("c", 1001, 830), sent(null, 1002, 10));
        DecisionTimes.Resolved resolved = times.resolve(judged);
        assertThat(resolved.source()).isEqualTo("client: send time + latency");
        assertThat(judged.stream().mapToLong(resolved::of)).containsExactly(1900L, 1831L, 1012L);
        assertThat(DecisionTimes.answered().resolve(List.of()).source()).isEqualTo("client: send time + latency");
    }

    @Test
    void theLatestDecisionIsTheArrivalPlusTheLatencyThatWasNotTheIntegrations() {
        DecisionTimes times = DecisionTimes.fromAccessLog(List.of(
                "{\"requestId\":\"a\",\"requestTimeEpoch\":\"1796315447809\",\"status\":\"200\","
                        + "\"integrationLatency\":\"40\",\"responseLatency\":\"47\"}",
                "{\"requestId\":\"b\",\"requestTimeEpoch\":\"1796315447821\",\"status\":\"429\","
                        + "\"integrationLatency\":\"-\",\"responseLatency\":\"3\"}",
                "{\"requestId\":\"c\",\"requestTimeEpoch\":\"1796315447830\"}"));
        List<LedgerEntry> judged = List.of(sent("a", 1796315447000L, 900), sent("b", 1796315447001L, 830),
                sent("c", 1796315447002L, 830));
        DecisionTimes.Resolved resolved = times.resolve(judged);
        assertThat(judged.stream().mapToLong(resolved::latestOf))
                .containsExactly(1796315447816L, 1796315447824L, 1796315447830L);
        assertThat(judged.stream().mapToLong(resolved::of))
                .containsExactly(1796315447809L, 1796315447821L, 1796315447830L);
    }
}
