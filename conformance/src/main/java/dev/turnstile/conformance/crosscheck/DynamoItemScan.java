package dev.turnstile.conformance.crosscheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@link RunItems} over the writer's table: a parallel {@code Scan} of {@link #SEGMENTS} segments
 * ({@code Segment}/{@code TotalSegments}), strongly consistent, filtered by {@code runId IN (…)} and projecting
 * {@code ID, runId}. A scan reads the whole table — its cost is the table's size, not the run's (the filter is applied
 * after the read: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html) — so it pays only when
 * the table holds little besides the run (bench/README.md, "BatchGetItem or Scan").
 */
public final class DynamoItemScan implements RunItems, ItemLookup {

    /** Parallel scan segments. */
    static final int SEGMENTS = 4;
    /** {@code IN} takes at most 100 operands. */
    private static final int MAX_IN = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final DynamoItemLookup single;

    public DynamoItemScan(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.single = new DynamoItemLookup(dynamoDb, table);
    }

    @Override
    public Optional<String> runIdOf(String id) {
        return single.runIdOf(id);
    }

    @Override
    public void forEachItem(Collection<String> runIds, BiConsumer<String, String> action) {
        if (runIds.isEmpty() || runIds.size() > MAX_IN) {
            throw new IllegalArgumentException("a scan filters on 1 to " + MAX_IN + " run ids, got " + runIds.size());
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String runId : runIds) {
            String name = ":r" + values.size();
            values.put(name, AttributeValue.fromS(runId));
            names.add(name);
        }
        String filter = "runId IN (" + String.join(", ", names) + ")";
        ExecutorService pool = Executors.newFixedThreadPool(SEGMENTS, r -> {
            Thread t = new Thread(r, "turnstile-scan-segment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> segments = new ArrayList<>();
            for (int s = 0; s < SEGMENTS; s++) {
                ScanRequest request = ScanRequest.builder().tableName(table).segment(s).totalSegments(SEGMENTS)
                        .consistentRead(true).filterExpression(filter).expressionAttributeValues(values)
                        .projectionExpression("ID, runId").build();
                segments.add(pool.submit(() -> {
                    for (ScanResponse page : dynamoDb.scanPaginator(request)) {
                        for (Map<String, AttributeValue> item : page.items()) {
                            AttributeValue runId = item.get("runId");
                            action.accept(item.get("ID").s(), runId == null || runId.s() == null ? "" : runId.s());
                        }
                    }
                }));
            }
            for (Future<?> f : segments) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning " + table, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
