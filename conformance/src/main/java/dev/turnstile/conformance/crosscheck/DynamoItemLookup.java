package dev.turnstile.conformance.crosscheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link ItemLookup} over the writer's table: a strongly consistent {@code GetItem} by {@code ID}, and for a
 * cross-check {@code BatchGetItem} of up to 100 keys. {@code BatchGetItem} may answer part of a batch and return the
 * rest as {@code UnprocessedKeys} (a response over 16 MB, throughput exceeded, an internal failure); those are asked
 * again after an exponential backoff with full jitter, as the API reference recommends
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.RetryAndBackoff).
 * Throttling errors of the call itself are retried by the SDK's own retry strategy (docs/aws-behaviour.md §13).
 */
public final class DynamoItemLookup implements ItemLookup {

    /** BatchGetItem's most keys a call. */
    public static final int BATCH = 100;
    /** Attempts for a batch's unprocessed keys before the cross-check gives up with an error. */
    static final int MAX_ATTEMPTS = 10;
    private static final long BASE_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final String PROJECTION = "ID, runId";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final LongConsumer sleep;

    public DynamoItemLookup(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, DynamoItemLookup::sleep);
    }

    /** With {@code sleep} taking each backoff's milliseconds (tests record them instead of waiting). */
    DynamoItemLookup(DynamoDbClient dynamoDb, String table, LongConsumer sleep) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.sleep = sleep;
    }

    @Override
    public Optional<String> runIdOf(String id) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("ID", AttributeValue.fromS(id)))
                .projectionExpression(PROJECTION));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(runId(response.item()));
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    public Map<String, String> runIdsOf(Collection<String> ids) {
        if (ids.size() > BATCH) {
            throw new IllegalArgumentException("BatchGetItem takes at most " + BATCH + " keys, got " + ids.size());
        }
        Map<String, String> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(Map.of("ID", AttributeValue.fromS(id))));
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .projectionExpression(PROJECTION).consistentRead(true).build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("BatchGetItem on " + table + " left " + pending.get(table).keys().size()
                        + " keys unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 0) {
                backoff(attempt);
            }
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(request));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get("ID").s(), runId(item));
            }
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static String runId(Map<String, AttributeValue> item) {
        AttributeValue runId = item.get("runId");
        return runId == null || runId.s() == null ? "" : runId.s();
    }

    /** Full jitter: a random wait up to min(cap, base × 2^attempt). */
    private void backoff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt, 20));
        sleep.accept(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off BatchGetItem", e);
        }
    }
}
