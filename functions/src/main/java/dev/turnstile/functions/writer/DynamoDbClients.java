package dev.turnstile.functions.writer;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one DynamoDB client of an execution environment, created on first use and reused by every invocation.
 *
 * <p>Region, endpoint and credentials come from the environment through the SDK's own providers
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB}, the Lambda credentials), never read by hand.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** The shared client. */
    public static DynamoDbClient shared() {
        return Holder.CLIENT;
    }

    // the holder idiom makes creation lazy and thread-safe without locking on every call
    private static final class Holder {
        static final DynamoDbClient CLIENT = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
