package dev.turnstile.functions.writer;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

import java.util.Map;
import java.util.Objects;

/**
 * Stores items exactly once: a conditional PutItem on {@code attribute_not_exists(ID)}.
 */
public final class ItemStore {

    /** What a put did. */
    public enum Outcome {
        /** The item was written now. */
        CREATED,
        /** An item with this id was already there: a redelivery of a request already stored. */
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
        } catch (ConditionalCheckFailedException alreadyStored) {
            // ids are request ids, so an existing item is this very request delivered again: it is stored
            return Outcome.ALREADY_STORED;
        } catch (ProvisionedThroughputExceededException | RequestLimitExceededException
                 | ThrottlingException throttled) {
            throw new WriteThrottledException(throttled);
        } catch (AwsServiceException failure) {
            if (failure.isThrottlingException()) {
                throw new WriteThrottledException(failure);
            }
            throw failure;
        }
    }
}
