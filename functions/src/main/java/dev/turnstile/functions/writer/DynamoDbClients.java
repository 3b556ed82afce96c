package dev.turnstile.functions.writer;

import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one DynamoDB client of an execution environment, created on first use and reused by every invocation.
 *
 * <p>Region, endpoint and credentials come from the environment through the SDK's own providers
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB}, the Lambda credentials), never read by hand.
 *
 * <p>Retries use the SDK's STANDARD mode (3 attempts, throttling back-off of a few seconds at most). DynamoDB's
 * own default (9 attempts, about 51 s when throttled) outlives the function's 10 s Timeout: a throttled write
 * would end as a Lambda timeout (502 at the gateway) instead of the 503 the writer promises.
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
                .overrideConfiguration(configuration -> configuration.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
