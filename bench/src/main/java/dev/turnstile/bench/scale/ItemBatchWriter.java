package dev.turnstile.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes items with {@code BatchWriteItem}, 25 at a time (the API's limit), a few batches in flight; the items
 * DynamoDB returns as {@code UnprocessedItems} are sent again after an exponential backoff, as the API reference
 * asks (docs/aws-behaviour.md §13).
 */
final class ItemBatchWriter implements AutoCloseable {

    /** {@code BatchWriteItem} takes at most 25 put or delete requests. */
    static final int BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final List<Future<?>> pending = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private List<WriteRequest> batch = new ArrayList<>(BATCH);

    ItemBatchWriter(DynamoDbClient dynamoDb, String table, int threads) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.pool = Executors.newFixedThreadPool(threads);
        this.inFlight = new Semaphore(threads * 2);
    }

    void put(Map<String, AttributeValue> item) {
        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        if (batch.size() == BATCH) {
            flush();
        }
    }

    /** {@code BatchWriteItem} calls made, retries included. */
    long calls() {
        return calls.get();
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<WriteRequest> requests = batch;
        batch = new ArrayList<>(BATCH);
        inFlight.acquireUninterruptibly();
        pending.add(pool.submit(() -> {
            try {
                write(requests);
            } finally {
                inFlight.release();
            }
        }));
        pending.removeIf(Future::isDone);
    }

    private void write(List<WriteRequest> requests) {
        List<WriteRequest> left = requests;
        for (int attempt = 0; !left.isEmpty(); attempt++) {
            if (attempt > 0) {
                sleep(Math.min(5_000, 50L << Math.min(attempt, 7)));
            }
            calls.incrementAndGet();
            Map<String, List<WriteRequest>> items = Map.of(table, left);
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(items));
            left = response.unprocessedItems().getOrDefault(table, List.of());
        }
    }

    @Override
    public void close() {
        flush();
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing items failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
