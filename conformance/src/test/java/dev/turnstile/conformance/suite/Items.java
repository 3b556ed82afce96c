package dev.turnstile.conformance.suite;

import dev.turnstile.conformance.run.StageRun;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the writer's items (strongly consistent GetItem by {@code ID}). */
final class Items {

    private Items() {
    }

    /** The item stored under {@code id} (the extended request id, {@code x-amz-apigw-id}), or an empty map. */
    static Map<String, AttributeValue> get(StageRun run, String id) {
        var response = run.clients().dynamoDb().getItem(r -> r.tableName(run.profile().table()).consistentRead(true)
                .key(Map.of("ID", AttributeValue.fromS(id))));
        return response.hasItem() ? response.item() : Map.of();
    }
}
