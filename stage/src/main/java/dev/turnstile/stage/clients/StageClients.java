package dev.turnstile.stage.clients;

import dev.turnstile.stage.profile.StageProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * AWS SDK clients for one stage, built from its profile: a local stage gets endpoint overrides from
 * {@code endpoints} and static dummy credentials; a deployed stage gets the SDK default chain. All use the Apache 5
 * HTTP client, because API Gateway's control plane needs PATCH ({@code UpdateApiKey}, {@code UpdateUsage}), which the
 * url-connection client cannot send. Clients are built on first use and closed together.
 */
public final class StageClients implements AutoCloseable {

    private final StageProfile profile;
    private final List<AutoCloseable> built = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private CloudWatchLogsClient logs;
    private CloudWatchClient cloudWatch;
    private ApiGatewayClient apiGateway;
    private LambdaClient lambda;

    public StageClients(StageProfile profile) {
        if (profile.region() == null || profile.region().isBlank()) {
            throw new IllegalArgumentException("stage profile has no region: " + profile);
        }
        this.profile = profile;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = track(configure(DynamoDbClient.builder(), "dynamodb").build());
        }
        return dynamoDb;
    }

    public synchronized CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = track(configure(CloudWatchLogsClient.builder(), "logs").build());
        }
        return logs;
    }

    /** CloudWatch metrics ({@code endpoints.cloudwatch} on a local stage). */
    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = track(configure(CloudWatchClient.builder(), "cloudwatch").build());
        }
        return cloudWatch;
    }

    public synchronized ApiGatewayClient apiGateway() {
        if (apiGateway == null) {
            apiGateway = track(configure(ApiGatewayClient.builder(), "apigateway").build());
        }
        return apiGateway;
    }

    public synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = track(configure(LambdaClient.builder(), "lambda").build());
        }
        return lambda;
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
            B configure(B builder, String service) {
        builder.region(Region.of(profile.region()));
        builder.httpClientBuilder(Apache5HttpClient.builder());
        if (profile.isLocal()) {
            String endpoint = profile.endpoint(service).orElseThrow(() -> new IllegalStateException(
                    "the local stage profile has no '" + service + "' endpoint (endpoints: " + profile.endpoints() + ")"));
            builder.endpointOverride(URI.create(endpoint));
            builder.credentialsProvider(localCredentials());
        } else {
            builder.credentialsProvider(defaultCredentials());
        }
        return builder;
    }

    private static AwsCredentialsProvider localCredentials() {
        // The local stage accepts any well-formed SigV4 signature; fixed dummy keys keep the default chain off the network.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("turnstile", "turnstile"));
    }

    private static AwsCredentialsProvider defaultCredentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    private <T extends AutoCloseable> T track(T client) {
        built.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (AutoCloseable client : built) {
            try {
                client.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot close an SDK client", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        built.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
