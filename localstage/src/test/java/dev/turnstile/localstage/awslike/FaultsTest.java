package dev.turnstile.localstage.awslike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.logs.LogSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The test-only faults: exactly which puts and lines they lose, and nothing else. */
class FaultsTest {

    private static InvocationResult proxy(int status, String body) {
        String payload = "{\"statusCode\":" + status + ",\"headers\":{},\"body\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(body) + "}";
        return new InvocationResult(Outcome.SUCCESS, payload.getBytes(StandardCharsets.UTF_8), null, null, "r", 1);
    }

    @Test
    void dropPutDeletesEveryFiftiethStoredItemAndAnswersAsTheWriterDid() {
        List<String> deleted = new ArrayList<>();
        int[] n = {0};
        DroppedPuts faulty = new DroppedPuts((function, payload, trace) -> {
            n[0]++;
            return CompletableFuture.completedFuture(n[0] % 10 == 0 ? proxy(400, "{\"message\":\"bad\"}")
                    : proxy(200, "{\"id\":\"item-" + n[0] + "\",\"stored\":true}"));
        }, deleted::add, DroppedPuts.EVERY);
        List<InvocationResult> results = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            results.add(faulty.invoke("WriterFunction", new byte[0]).join());
        }
        // 108 stored items (every tenth answer is a 400): the 50th and 100th are lost
        assertThat(deleted).containsExactly("item-55", "item-111");
        assertThat(faulty.dropped()).isEqualTo(2);
        assertThat(results.get(54).payloadText()).contains("item-55"); // still answered 200 stored
    }

    @Test
    void dropPutIgnoresAuthorizerPoliciesAndErrors() {
        assertThat(DroppedPuts.storedItemId(new InvocationResult(Outcome.SUCCESS,
                "{\"principalId\":\"u\",\"policyDocument\":{}}".getBytes(StandardCharsets.UTF_8), null, null, "r", 1))).isNull();
        assertThat(DroppedPuts.storedItemId(new InvocationResult(Outcome.FUNCTION_ERROR, new byte[0], "x", "y", "r", 1)))
                .isNull();
        assertThat(DroppedPuts.storedItemId(proxy(200, "{\"id\":\"a\",\"stored\":true}"))).isEqualTo("a");
    }

    @Test
    void loseAccessLogDropsEveryHundredthAccessLineOnly() {
        DelayedLogDeliveryTest.Recording store = new DelayedLogDeliveryTest.Recording();
        LostAccessLogLines faulty = new LostAccessLogLines(store, "/access", LostAccessLogLines.EVERY);
        for (int i = 1; i <= 250; i++) {
            faulty.putLogEvents("/access", "s", List.of(new LogSink.LogEvent(i, "line-" + i)));
            faulty.putLogEvents("/execution", "s", List.of(new LogSink.LogEvent(i, "exec-" + i)));
        }
        assertThat(faulty.lost()).isEqualTo(2);
        assertThat(store.delivered).hasSize(498).doesNotContain("/access line-100", "/access line-200")
                .contains("/access line-99", "/execution exec-100");
    }

    @Test
    void faultsAreNamedOnTheCommandLine() {
        assertThat(StageFault.parse("over-admit")).isEqualTo(StageFault.OVER_ADMIT);
        assertThatThrownBy(() -> StageFault.parse("slow"))
                .hasMessage("unknown fault 'slow'; known: drop-put, over-admit, lose-access-log");
    }

    @Test
    void coldStartDelayPutsOffEachNewEnvironmentByTheDelay() {
        List<Long> scheduled = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        ColdStartDelay delay = new ColdStartDelay(java.time.Duration.ofMillis(1500), (task, millis) -> {
            scheduled.add(millis);
            tasks.add(task);
        });
        int[] started = {0};
        delay.start(() -> started[0]++);
        delay.start(() -> started[0]++);
        assertThat(started[0]).isZero(); // both wait, in parallel: one delay per new environment
        assertThat(scheduled).containsExactly(1500L, 1500L);
        tasks.forEach(Runnable::run);
        assertThat(started[0]).isEqualTo(2);
        int[] now = {0};
        ColdStartDelay.none().start(() -> now[0]++);
        assertThat(now[0]).isEqualTo(1);
        assertThat(ColdStartDelay.of(java.time.Duration.ZERO).isZero()).isTrue();
    }
}
