package dev.turnstile.conformance.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

class DynamoItemLookupTest {

    /** Answers one key per call and hands the rest back as UnprocessedKeys, as DynamoDB may under load. */
    private static final class OneAtATime implements DynamoDbClient {
        final List<BatchGetItemRequest> calls = new ArrayList<>();
        final boolean never;

        OneAtATime(boolean never) {
            this.never = never;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            calls.add(request);
            KeysAndAttributes asked = request.requestItems().get("items");
            List<Map<String, AttributeValue>> keys = asked.keys();
            if (never) {
                return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(request.requestItems()).build();
            }
            String id = keys.get(0).get("ID").s();
            List<Map<String, AttributeValue>> found = id.startsWith("x") ? List.of()
                    : List.of(Map.of("ID", AttributeValue.fromS(id), "runId", AttributeValue.fromS("run-" + id)));
            BatchGetItemResponse.Builder response = BatchGetItemResponse.builder().responses(Map.of("items", found));
            if (keys.size() > 1) {
                response.unprocessedKeys(Map.of("items", asked.toBuilder().keys(keys.subList(1, keys.size())).build()));
            }
            return response.build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void unprocessedKeysAreAskedAgainUntilEveryKeyIsAnswered() {
        OneAtATime dynamo = new OneAtATime(false);

        Map<String, String> found = new DynamoItemLookup(dynamo, "items", ms -> { }).runIdsOf(List.of("a", "xb", "c"));

        assertThat(found).containsOnly(Map.entry("a", "run-a"), Map.entry("c", "run-c"));
        assertThat(dynamo.calls).hasSize(3);
        assertThat(dynamo.calls.get(0).requestItems().get("items").consistentRead()).isTrue();
        assertThat(dynamo.calls.get(0).requestItems().get("items").projectionExpression()).isEqualTo("ID, runId");
        assertThat(dynamo.calls.get(2).requestItems().get("items").keys())
                .containsExactly(Map.of("ID", AttributeValue.fromS("c")));
    }

    @Test
    void keysStillUnprocessedAfterTheLastAttemptAreAnError() {
        OneAtATime dynamo = new OneAtATime(true);
        List<Long> waits = new ArrayList<>();

        assertThatThrownBy(() -> new DynamoItemLookup(dynamo, "items", waits::add).runIdsOf(List.of("a", "b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("BatchGetItem on items left 2 keys unprocessed after 10 attempts");
        assertThat(dynamo.calls).hasSize(DynamoItemLookup.MAX_ATTEMPTS);
        // full jitter under a ceiling of 50 ms × 2^attempt, capped at 5 s
        assertThat(waits).hasSize(DynamoItemLookup.MAX_ATTEMPTS - 1);
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).isBetween(0L, Math.min(5_000L, 50L << (i + 1)));
        }
    }

    @Test
    void aBatchIsAtMostAHundredKeys() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("k" + i);
        }
        assertThatThrownBy(() -> new DynamoItemLookup(new OneAtATime(false), "items").runIdsOf(ids))
                .hasMessage("BatchGetItem takes at most 100 keys, got 101");
    }
}
