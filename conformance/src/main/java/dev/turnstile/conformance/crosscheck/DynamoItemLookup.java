package dev.turnstile.conformance.crosscheck;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** {@link ItemLookup} over the writer's table: a strongly consistent {@code GetItem} by {@code ID}. */
public final class DynamoItemLookup implements ItemLookup {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoItemLookup(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<String> runIdOf(String id) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("ID", AttributeValue.fromS(id)))
                .projectionExpression("ID, runId"));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        AttributeValue runId = response.item().get("runId");
        return Optional.of(runId == null || runId.s() == null ? "" : runId.s());
    }
}
