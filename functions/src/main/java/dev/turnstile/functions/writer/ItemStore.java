package dev.turnstile.functions.writer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * Stores items exactly once: a conditional PutItem on {@code attribute_not_exists(ID)}.
 *
 * <p>When the condition fails, the stored item is read back (consistent read) and compared with this one, all
 * but {@code created}: equal means this very request was delivered again — a Lambda retry, or the SDK retrying a
 * put whose first attempt was applied before the connection broke — and it is stored; different means the id is
 * taken by another request, and nothing of this one is stored ({@link ItemConflictException}).
 */
public final class ItemStore {

    /** What a put did. */
    public enum Outcome {
        /** The item was written now. */
        CREATED,
        /** The same item was already there: a redelivery of a request already stored. */
        ALREADY_STORED
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** A store writing to {@code tableName} through {@code dynamoDb}. */
    public ItemStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Writes the item unless one with the same {@code ID} exists.
     *
     * @throws ItemTooLargeException    when the item exceeds 400 KB (nothing is sent to DynamoDB)
     * @throws WriteThrottledException when DynamoDB throttled the write beyond the SDK's retries
     * @throws ItemConflictException   when another item is stored under this id
     * @throws StoreUnavailableException when DynamoDB cannot be reached or fails on its side
     */
    public Outcome put(StoredItem storedItem) {
        Map<String, AttributeValue> item = storedItem.attributes();
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new ItemTooLargeException(size);
        }
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(ID)")
                .build();
        try {
            dynamoDb.putItem(request);
            return Outcome.CREATED;
        } catch (ConditionalCheckFailedException taken) {
            if (sameRequest(item, stored(storedItem.id()))) {
                return Outcome.ALREADY_STORED;
            }
            throw new ItemConflictException(storedItem.id());
        } catch (RuntimeException failure) {
            throw translate(failure);
        }
    }

    private Map<String, AttributeValue> stored(String id) {
        try {
            return dynamoDb.getItem(r -> r.tableName(tableName).key(Map.of("ID", AttributeValue.fromS(id)))
                    .consistentRead(true)).item();
        } catch (RuntimeException failure) {
            throw translate(failure);
        }
    }

    /** Everything but the receive time, which a redelivered direct invocation takes anew. */
    private static boolean sameRequest(Map<String, AttributeValue> item, Map<String, AttributeValue> stored) {
        if (stored == null || stored.isEmpty()) {
            return false;
        }
        Map<String, AttributeValue> mine = new HashMap<>(item);
        Map<String, AttributeValue> theirs = new HashMap<>(stored);
        mine.remove("created");
        theirs.remove("created");
        return mine.equals(theirs);
    }

    private static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof ProvisionedThroughputExceededException || failure instanceof RequestLimitExceededException
                || failure instanceof ThrottlingException) {
            return new WriteThrottledException(failure);
        }
        if (failure instanceof AwsServiceException service) {
            if (service.isThrottlingException()) {
                return new WriteThrottledException(service);
            }
            // InternalServerError, ServiceUnavailable: DynamoDB's side failed, the request may be retried
            return service.statusCode() >= 500 ? new StoreUnavailableException(service) : service;
        }
        if (failure instanceof SdkClientException unreachable) {
            // connection refused or reset, timeouts: the table could not be reached
            return new StoreUnavailableException(unreachable);
        }
        return failure;
    }
}
