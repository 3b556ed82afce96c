package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnstile.localstage.awslike.ColdStartDelay;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.lambda.testfunctions.SleepHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS-like cold-start delay with real execution environments (docs/aws-behaviour.md §15.4): a burst that needs
 * two new environments pays the delay in each one's Init Duration; a warm invocation pays nothing. The delay (4 s) is
 * several times a test environment's own JVM start here (under 1 s), so the bound cannot hold without it.
 */
class ColdStartDelayTest {

    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

    @TempDir
    Path dataDir;

    @Test
    void eachNewEnvironmentPaysTheDelayAndAWarmOneDoesNot() throws Exception {
        InMemoryLogSink logs = new InMemoryLogSink();
        LambdaService service = new LambdaService(TestStages.stage(
                TestStages.function("Sleep", SleepHandler.class, 10, null, Map.of())),
                logs, dataDir, LambdaOptions.defaults().withPrewarm(0).withConcurrencyCap(2),
                ColdStartDelay.of(Duration.ofMillis(4_000)));
        try {
            service.start();
            // two at once: the second finds the first environment busy and needs a new one
            CompletableFuture<InvocationResult> a = service.invoke("Sleep", "500".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<InvocationResult> b = service.invoke("Sleep", "500".getBytes(StandardCharsets.UTF_8));
            InvocationResult first = a.get(60, TimeUnit.SECONDS);
            InvocationResult second = b.get(60, TimeUnit.SECONDS);
            assertThat(first.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(second.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(service.environmentCount("Sleep")).isEqualTo(2);
            assertThat(initMillis(logs, first)).isGreaterThanOrEqualTo(4_000);
            assertThat(initMillis(logs, second)).isGreaterThanOrEqualTo(4_000);

            InvocationResult warm = service.invoke("Sleep", "1".getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
            assertThat(warm.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(report(logs, warm)).doesNotContain("Init Duration");
            assertThat(service.environmentCount("Sleep")).isEqualTo(2);
        } finally {
            service.close();
        }
    }

    private static String report(InMemoryLogSink logs, InvocationResult result) {
        List<String> lines = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> logs.invocation("/aws/lambda/Sleep", result.lambdaRequestId()),
                        l -> l.stream().anyMatch(s -> s.startsWith("REPORT")));
        return lines.stream().filter(s -> s.startsWith("REPORT")).findFirst().orElseThrow();
    }

    private static double initMillis(InMemoryLogSink logs, InvocationResult result) {
        Matcher m = INIT.matcher(report(logs, result));
        assertThat(m.find()).as("Init Duration in the REPORT line").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
