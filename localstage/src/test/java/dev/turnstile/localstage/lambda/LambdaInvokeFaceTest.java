package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.turnstile.localstage.lambda.testfunctions.EchoHandler;
import dev.turnstile.localstage.lambda.testfunctions.FlakyHandler;
import dev.turnstile.localstage.lambda.testfunctions.SleepHandler;
import dev.turnstile.localstage.lambda.testfunctions.ThrowHandler;
import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The Invoke API driven by the AWS SDK's {@code LambdaClient}, against real execution environments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaInvokeFaceTest {

    @TempDir
    static Path dataDir;
    private static Path marks;
    private final InMemoryLogSink logs = new InMemoryLogSink();
    private LambdaService service;
    private LoopbackServer server;
    private LambdaClient lambda;
    private URI endpoint;

    @BeforeAll
    void start() throws Exception {
        marks = dataDir.resolve("marks");
        Files.createDirectories(marks);
        service = new LambdaService(TestStages.stage(
                TestStages.function("Echo", EchoHandler.class, 3, null, Map.of()),
                TestStages.function("Throw", ThrowHandler.class, 3, null, Map.of()),
                TestStages.function("Single", SleepHandler.class, 3, 1, Map.of()),
                TestStages.function("Flaky", FlakyHandler.class, 3, null, Map.of("MARK_FILE", marks.resolve("flaky").toString()))),
                logs, dataDir.resolve("stage"), LambdaOptions.defaults().withPrewarm(0)
                        .withAsyncRetryDelays(List.of(Duration.ofMillis(200), Duration.ofMillis(200))));
        service.start();
        // the stage's own listener, as LocalStage starts the Lambda face
        server = LoopbackServer.start("test-lambda", "127.0.0.1", 0, 8, ListenerLimits.services(ListenerLimits.DEFAULT_BODY_READ_TIMEOUT, ListenerLimits.DEFAULT_IDLE_TIMEOUT),
                new LambdaInvokeFace(service));
        endpoint = server.uri();
        lambda = LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        server.close();
        service.close();
    }

    @Test
    void requestResponseReturnsThePayload() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("Echo").payload(SdkBytes.fromUtf8String("{\"a\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"a\":1}");
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.functionError()).isNull();
        // by full ARN with qualifier too
        InvokeResponse byArn = lambda.invoke(r -> r.functionName("arn:aws:lambda:us-east-1:123456789012:function:Echo")
                .qualifier("$LATEST").payload(SdkBytes.fromUtf8String("[2]")));
        assertThat(byArn.payload().asUtf8String()).isEqualTo("[2]");
    }

    @Test
    void functionErrorIsUnhandledWithTheErrorObject() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("Throw").payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String())
                .startsWith("{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"");
    }

    @Test
    void dryRunIs204() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("Echo").invocationType(InvocationType.DRY_RUN));
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void unknownFunctionIs404WithLambdasBody() throws Exception {
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("Nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope");

        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                endpoint.resolve("/2015-03-31/functions/Nope/invocations")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(raw.body()).isEqualTo("{\"Type\":\"User\",\"message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope\"}");
    }

    @Test
    void oversizedPayloadsAre413() {
        byte[] sync = ("\"" + "x".repeat(6 * 1024 * 1024) + "\"").getBytes();
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("Echo").payload(SdkBytes.fromByteArray(sync))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
                });
        byte[] async = ("\"" + "x".repeat(256 * 1024) + "\"").getBytes();
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("Echo").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromByteArray(async))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Request must be smaller than 262144 bytes for the InvokeFunction operation");
                });
    }

    @Test
    void beyondReservedConcurrencyIs429() throws Exception {
        CompletableFuture<InvocationResult> busy = service.invoke("Single", "1500".getBytes());
        // invoke() claims the only environment before it returns (a cold one is started for it): no wait needed
        assertThat(service.environmentCount("Single")).isEqualTo(1);
        assertThat(busy).isNotDone();
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("Single").payload(SdkBytes.fromUtf8String("0"))))
                .isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).reason()).hasToString("ReservedFunctionConcurrentInvocationLimitExceeded"));
        assertThat(busy.get(20, TimeUnit.SECONDS).payloadText()).isEqualTo("\"slept\"");
    }

    @Test
    void eventIsAcceptedAtOnceRunAndRetriedWithTheSameRequestId() throws Exception {
        InvokeResponse response = lambda.invoke(r -> r.functionName("Flaky").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("3")));

        assertThat(response.statusCode()).isEqualTo(202);
        String requestId = response.responseMetadata().requestId();
        Path file = marks.resolve("flaky");
        await("the event and its two retries").atMost(Duration.ofSeconds(20))
                .until(service::pendingAsyncInvocations, pending -> pending == 0);
        // failed twice, succeeded on the second retry: three runs of one request id
        assertThat(Files.readAllLines(file)).containsExactly(requestId, requestId, requestId);
        assertThat(Files.list(dataDir.resolve("stage/lambda/async")).toList()).isEmpty();
    }
}
