package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.lambda.testfunctions.EchoHandler;
import dev.turnstile.localstage.lambda.testfunctions.EnvHandler;
import dev.turnstile.localstage.lambda.testfunctions.ExitHandler;
import dev.turnstile.localstage.lambda.testfunctions.SleepHandler;
import dev.turnstile.localstage.lambda.testfunctions.ThrowHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Real runtime interface client processes driven through the Runtime API; no mocks of the runtime. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaServiceTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    static Path dataDir;
    private final InMemoryLogSink logs = new InMemoryLogSink();
    private LambdaService service;

    @BeforeAll
    void start() {
        service = new LambdaService(TestStages.stage(
                TestStages.function("Echo", EchoHandler.class, 3, null, Map.of("GREETING", "hello")),
                TestStages.function("Sleep", SleepHandler.class, 3, 2, Map.of()),
                TestStages.function("Slow", SleepHandler.class, 1, null, Map.of()),
                TestStages.function("Crash", ExitHandler.class, 3, null, Map.of()),
                TestStages.function("Throw", ThrowHandler.class, 3, null, Map.of()),
                TestStages.function("Env", EnvHandler.class, 3, null, Map.of("TABLE_NAME", "Items"))),
                logs, dataDir, LambdaOptions.defaults().withPrewarm(0)
                        .withDynamoDbEndpoint(URI.create("http://127.0.0.1:8000")));
        service.start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private InvocationResult invoke(String function, String payload) throws Exception {
        return service.invoke(function, payload.getBytes(StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
    }

    private List<String> awaitInvocationLogs(String group, String requestId) {
        // the platform lines are written when the invocation's result is back, a moment after the caller sees it
        return await("invocation log lines of " + requestId).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> logs.invocation(group, requestId), lines -> !lines.isEmpty());
    }

    @Test
    void echoRoundTripColdThenWarmWithExactPlatformLines() throws Exception {
        InvocationResult cold = invoke("Echo", "{\"n\":1}");
        InvocationResult warm = invoke("EchoFunction", "{\"n\":2}");

        assertThat(cold.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(cold.payloadText()).isEqualTo("{\"n\":1}");
        assertThat(cold.lambdaRequestId()).matches(UUID);
        assertThat(warm.payloadText()).isEqualTo("{\"n\":2}");
        assertThat(service.environmentCount("Echo")).isEqualTo(1);

        List<String> first = awaitInvocationLogs("/aws/lambda/Echo", cold.lambdaRequestId());
        List<String> second = awaitInvocationLogs("/aws/lambda/Echo", warm.lambdaRequestId());
        assertThat(first).hasSize(5);
        assertThat(first.get(0)).isEqualTo("START RequestId: " + cold.lambdaRequestId() + " Version: $LATEST\n");
        assertThat(first.subList(1, 3)).containsExactly("echo on stdout\n", "echo on stderr\n");
        assertThat(first.get(3)).isEqualTo("END RequestId: " + cold.lambdaRequestId() + "\n");
        assertThat(first.get(4)).matches("REPORT RequestId: " + cold.lambdaRequestId()
                + "\tDuration: \\d+\\.\\d{2} ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: [1-9]\\d* MB\t"
                + "Init Duration: \\d+\\.\\d{2} ms\t\n");
        assertThat(second.get(4)).matches("REPORT RequestId: " + warm.lambdaRequestId()
                + "\tDuration: \\d+\\.\\d{2} ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: [1-9]\\d* MB\t\n");

        List<String> streams = logs.streams("/aws/lambda/Echo");
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0)).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(logs.messages("/aws/lambda/Echo").get(0))
                .matches("INIT_START Runtime Version: java:21\\.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}\n");
    }

    @Test
    void concurrentInvocationsStartASecondEnvironmentAndBeyondTheLimitAreThrottled() throws Exception {
        CompletableFuture<InvocationResult> a = service.invoke("Sleep", "1500".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<InvocationResult> b = service.invoke("Sleep", "1500".getBytes(StandardCharsets.UTF_8));
        InvocationResult c = service.invoke("Sleep", "0".getBytes(StandardCharsets.UTF_8)).get(1, TimeUnit.SECONDS);

        assertThat(c.outcome()).isEqualTo(Outcome.THROTTLED);
        assertThat(c.errorType()).isEqualTo("TooManyRequestsException");
        assertThat(a.get(20, TimeUnit.SECONDS).payloadText()).isEqualTo("\"slept\"");
        assertThat(b.get(20, TimeUnit.SECONDS).payloadText()).isEqualTo("\"slept\"");
        assertThat(service.environmentCount("Sleep")).isEqualTo(2);
        assertThat(logs.streams("/aws/lambda/Sleep")).hasSize(2);
    }

    /** The payload Lambda answers for an error of the platform (not of the function's code). */
    private static void assertLambdaErrorPayload(InvocationResult r, String errorType, String message) {
        assertThat(r.payloadText()).isEqualTo("{\"errorType\":\"" + errorType + "\",\"errorMessage\":\"RequestId: "
                + r.lambdaRequestId() + " Error: " + message + "\"}");
    }

    @Test
    void timeoutKillsTheEnvironmentAndAReplacementServesTheNextInvocation() throws Exception {
        InvocationResult timedOut = invoke("Slow", "5000");

        assertThat(timedOut.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(timedOut.errorMessage()).isEqualTo("Task timed out after 1.00 seconds");
        assertLambdaErrorPayload(timedOut, "Sandbox.Timedout", "Task timed out after 1.00 seconds");
        assertThat(timedOut.durationMillis()).isBetween(1000.0, 1500.0);
        List<String> lines = awaitInvocationLogs("/aws/lambda/Slow", timedOut.lambdaRequestId());
        assertThat(lines.get(1)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z " + timedOut.lambdaRequestId()
                + " Task timed out after 1\\.00 seconds\n");
        assertThat(service.environmentCount("Slow")).isZero();

        InvocationResult next = invoke("Slow", "0");
        assertThat(next.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(logs.streams("/aws/lambda/Slow")).hasSize(2);
    }

    @Test
    void crashFailsTheInvocationAndAReplacementStarts() throws Exception {
        InvocationResult crashed = invoke("Crash", "{}");

        assertThat(crashed.outcome()).isEqualTo(Outcome.RUNTIME_ERROR);
        assertThat(crashed.errorType()).isEqualTo("Runtime.ExitError");
        assertLambdaErrorPayload(crashed, "Runtime.ExitError", "Runtime exited with error: exit status 1");
        List<String> lines = awaitInvocationLogs("/aws/lambda/Crash", crashed.lambdaRequestId());
        assertThat(lines).contains("about to exit\n", "RequestId: " + crashed.lambdaRequestId()
                + " Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n");

        InvocationResult again = invoke("Crash", "{}");
        assertThat(again.outcome()).isEqualTo(Outcome.RUNTIME_ERROR);
        assertThat(again.lambdaRequestId()).isNotEqualTo(crashed.lambdaRequestId());
        assertThat(logs.streams("/aws/lambda/Crash")).hasSize(2);
    }

    @Test
    void unhandledExceptionIsAFunctionErrorWithTypeAndMessage() throws Exception {
        InvocationResult failed = invoke("Throw", "{}");

        assertThat(failed.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
        assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.errorMessage()).isEqualTo("boom");
        assertThat(failed.payloadText()).startsWith("{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"");
        // the environment survives a function error
        assertThat(invoke("Throw", "{}").outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
        assertThat(service.environmentCount("Throw")).isEqualTo(1);
    }

    @Test
    void functionSeesLambdaEnvironmentAndNothingOfTheParents() throws Exception {
        assertThat(invoke("Env", "TABLE_NAME").payloadText()).isEqualTo("\"Items\"");
        assertThat(invoke("Env", "AWS_LAMBDA_FUNCTION_NAME").payloadText()).isEqualTo("\"Env\"");
        assertThat(invoke("Env", "AWS_LAMBDA_FUNCTION_VERSION").payloadText()).isEqualTo("\"$LATEST\"");
        assertThat(invoke("Env", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE").payloadText()).isEqualTo("\"256\"");
        assertThat(invoke("Env", "AWS_REGION").payloadText()).isEqualTo("\"us-east-1\"");
        assertThat(invoke("Env", "AWS_ENDPOINT_URL_DYNAMODB").payloadText()).isEqualTo("\"http://127.0.0.1:8000\"");
        assertThat(invoke("Env", "AWS_LAMBDA_LOG_STREAM_NAME").payloadText()).isEqualTo("\"" + logs.streams("/aws/lambda/Env").get(0) + "\"");
        assertThat(invoke("Env", "TZ").payloadText()).isEqualTo("\":UTC\"");
        assertThat(invoke("Env", "MAVEN_OPTS").payloadText()).isEqualTo("null");
        assertThat(invoke("Env", "USER").payloadText()).isEqualTo("null");
    }

    @Test
    void unknownFunctionIsNotFound() throws Exception {
        InvocationResult result = invoke("Nope", "{}");
        assertThat(result.outcome()).isEqualTo(Outcome.NOT_FOUND);
    }
}
