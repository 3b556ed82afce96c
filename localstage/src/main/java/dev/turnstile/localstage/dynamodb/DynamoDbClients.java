package dev.turnstile.localstage.dynamodb;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients for a local or external DynamoDB endpoint: url-connection HTTP client, static dummy credentials
 * (the SDK still signs, which dynalite requires) and an explicit region, so no default chain touches the network.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** A client for the endpoint; {@code callTimeout} bounds each API call including retries. */
    public static DynamoDbClient create(URI endpoint, String region, Duration callTimeout) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(callTimeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(callTimeout).build())
                .build();
    }
}
