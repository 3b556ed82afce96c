package dev.turnstile.localstage.awslike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only fault {@link StageFault#DROP_PUT}: the gateway's integration still answers the writer's 200
 * {@code {"id":…,"stored":true}}, but every {@code every}-th such item (the 50th, 100th … by default) is deleted
 * before the answer leaves — a writer that acknowledges a put it lost. The cross-check must report those requests as
 * 2xx without an item. Only the gateway's invocations go through here; direct invocations are untouched.
 */
public final class DroppedPuts implements LambdaInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(DroppedPuts.class);
    /** One put in this many is lost. */
    public static final int EVERY = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvoker target;
    private final Consumer<String> deleteItem;
    private final int every;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param target     the real invoker
     * @param deleteItem deletes the item with this key from the writer's table
     * @param every      one stored item in this many is deleted
     */
    public DroppedPuts(LambdaInvoker target, Consumer<String> deleteItem, int every) {
        this.target = Objects.requireNonNull(target, "target");
        this.deleteItem = Objects.requireNonNull(deleteItem, "deleteItem");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(String function, byte[] payload, String traceHeader) {
        return target.invoke(function, payload, traceHeader).thenApply(result -> {
            String id = storedItemId(result);
            if (id != null && stored.incrementAndGet() % every == 0) {
                deleteItem.accept(id);
                dropped.incrementAndGet();
                LOG.warn("fault drop-put: deleted item {} after the writer stored it (the client still gets 200)", id);
            }
            return result;
        });
    }

    /** Items deleted so far. */
    public long dropped() {
        return dropped.get();
    }

    /** The item id of a proxy response 200 {@code {"id":…,"stored":true}}; null for anything else. */
    static String storedItemId(InvocationResult result) {
        if (result.outcome() != InvocationResult.Outcome.SUCCESS || result.payload() == null) {
            return null;
        }
        try {
            JsonNode response = JSON.readTree(result.payload());
            if (response == null || !response.path("statusCode").asText().equals("200")
                    || !response.path("body").isTextual()) {
                return null;
            }
            JsonNode body = JSON.readTree(response.get("body").asText());
            return body != null && body.path("stored").asBoolean(false) && body.path("id").isTextual()
                    ? body.get("id").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A {@code deleteItem} for a DynamoDB table keyed by one string attribute. */
    public static Consumer<String> deleting(software.amazon.awssdk.services.dynamodb.DynamoDbClient client,
                                            String table, String keyAttribute) {
        return id -> client.deleteItem(b -> b.tableName(table).key(Map.of(keyAttribute,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id))));
    }
}
