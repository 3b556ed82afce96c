package dev.turnstile.functions.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * A DynamoDB double for unit tests: keeps every PutItemRequest, stores items by {@code ID}, honours
 * {@code attribute_not_exists(ID)}, answers consistent GetItem by {@code ID}, and can be told to fail the next puts.
 */
final class FakeDynamoDb implements DynamoDbClient {
    final List<PutItemRequest> requests = new ArrayList<>();
    final List<GetItemRequest> reads = new ArrayList<>();
    final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private RuntimeException failure;

    /** Every following put throws {@code failure} (as the SDK would after its retries). */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        requests.add(request);
        if (failure != null) {
            throw failure;
        }
        String id = request.item().get("ID").s();
        if ("attribute_not_exists(ID)".equals(request.conditionExpression()) && items.containsKey(id)) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        items.put(id, request.item());
        return PutItemResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        reads.add(request);
        Map<String, AttributeValue> item = items.get(request.key().get("ID").s());
        return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
