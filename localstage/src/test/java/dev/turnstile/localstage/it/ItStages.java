package dev.turnstile.localstage.it;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.localstage.controlplane.JdkSdkHttpClient;
import dev.turnstile.localstage.dynamodb.DynamoDbClients;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the integration tests share: where the module's files are, the SDK clients pointed at a stage's
 * endpoints (the only change from an AWS setup is the endpoint override), a plain HTTP client for the invoke URL
 * and bounded polling for the asynchronous parts (log lines).
 */
public final class ItStages {

    /** The repository's SAM template; tests run in the module folder. */
    public static final Path SAM_TEMPLATE = Path.of("../sam/template.yaml").toAbsolutePath().normalize();
    /** dynalite, installed by the build's npm step. */
    static final Path DYNALITE_HOME = Path.of("dynalite").toAbsolutePath();
    static final Duration POLL_LIMIT = Duration.ofSeconds(15);

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ItStages() {
    }

    /**
     * Starts a local stage (free port, the build's dynalite) from a test template resource: the template is copied
     * into {@code work/<folder>/template.yaml} and {@code code} lays out the function code beside it first.
     */
    static LocalStage startFromResource(Path work, String templateResource, String folder, Consumer<Path> code) {
        try {
            Path templateDir = Files.createDirectories(work.resolve(folder));
            try (InputStream in = ItStages.class.getResourceAsStream(templateResource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + templateResource);
                }
                Files.copy(in, templateDir.resolve("template.yaml"));
            }
            code.accept(templateDir);
            return LocalStage.start(LocalStageOptions.builder(templateDir.resolve("template.yaml"), work.resolve("data"))
                    .port(0)
                    .dynaliteHome(DYNALITE_HOME)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stage's own DynamoDB client settings ({@link DynamoDbClients}), pointed at the profile's endpoint. */
    public static DynamoDbClient dynamoDb(StageProfile profile) {
        return DynamoDbClients.create(endpoint(profile, "dynamodb"), profile.region(), POLL_LIMIT);
    }

    static CloudWatchLogsClient logs(StageProfile profile) {
        return CloudWatchLogsClient.builder().endpointOverride(endpoint(profile, "logs")).region(region(profile))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static CloudWatchClient cloudWatch(StageProfile profile) {
        return CloudWatchClient.builder().endpointOverride(endpoint(profile, "cloudwatch")).region(region(profile))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The url-connection client cannot send PATCH (UpdateApiKey), hence the JDK-based adapter. */
    static ApiGatewayClient apiGateway(StageProfile profile) {
        return ApiGatewayClient.builder().endpointOverride(endpoint(profile, "apigateway")).region(region(profile))
                .credentialsProvider(CREDENTIALS).httpClient(new JdkSdkHttpClient()).build();
    }

    private static URI endpoint(StageProfile profile, String service) {
        return URI.create(profile.endpoint(service).orElseThrow(() ->
                new IllegalStateException("the stage profile has no " + service + " endpoint: " + profile.endpoints())));
    }

    private static Region region(StageProfile profile) {
        return Region.of(profile.region());
    }

    /** POST {@code <invokeUrl><path>} with the given headers and body. */
    static HttpResponse<String> post(StageProfile profile, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(profile.invokeUrl() + path))
                .timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The request id the gateway answered with. */
    static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-amzn-RequestId").orElseThrow(() ->
                new AssertionError("no x-amzn-RequestId header in " + response.headers().map()));
    }

    /** API Gateway's extended request id ({@code x-amz-apigw-id}): the writer's item key. */
    public static String extendedRequestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-amz-apigw-id").orElseThrow(() ->
                new AssertionError("no x-amz-apigw-id header in " + response.headers().map()));
    }

    /** Every event of a log group (all streams), following FilterLogEvents' pages. */
    static List<FilteredLogEvent> events(CloudWatchLogsClient logs, String group, String filterPattern) {
        List<FilteredLogEvent> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group).filterPattern(filterPattern)
                    .nextToken(next));
            all.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /**
     * Polls until the supplied value passes (log lines are written when the response has gone out, so a reader
     * may look a moment too early); fails with the last value seen after {@link #POLL_LIMIT}.
     */
    static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return Awaitility.await(what).atMost(POLL_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        T value = read.get();
                        last.set(value);
                        return value;
                    }, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + POLL_LIMIT + " waiting for " + what + "; last seen: "
                    + last.get(), e);
        }
    }

    /** The stored item by id ({@code ID} = API Gateway's extended request id), consistent read; empty map when absent. */
    public static Map<String, AttributeValue> item(DynamoDbClient dynamoDb, String table, String id) {
        return dynamoDb.getItem(r -> r.tableName(table).key(Map.of("ID", AttributeValue.fromS(id))).consistentRead(true))
                .item();
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target"), prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
