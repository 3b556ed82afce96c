package dev.turnstile.functions.writer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The writer function: stores each JSON object it receives as one DynamoDB item in {@code TABLE_NAME}.
 *
 * <p>It reads raw JSON because it serves two kinds of event, told apart by shape alone: API Gateway proxy
 * events (answered with a proxy response: 200, 400, 409, 413, 503 or 500) and direct invocations whose event is
 * the object itself (answered with {@code {"id":"…","stored":true}}, failures thrown as function errors). A 200
 * means the item holding this very body is in the table, never less.
 */
public final class WriterHandler implements RequestStreamHandler {

    /** Environment variable naming the table. */
    public static final String TABLE_NAME_VARIABLE = "TABLE_NAME";

    private final ItemStore store;
    private final Clock clock;

    /** The Lambda runtime's constructor: the shared client and {@code TABLE_NAME} from the environment. */
    public WriterHandler() {
        this(DynamoDbClients.shared(), requiredEnvironment(TABLE_NAME_VARIABLE), Clock.systemUTC());
    }

    WriterHandler(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.store = new ItemStore(dynamoDb, tableName);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = readEvent(input);
        Object result = ProxyRequests.isProxyEvent(event)
                ? handleProxyEvent(event, context)
                : handleDirectInvocation((ObjectNode) event, context);
        WriterJson.MAPPER.writeValue(output, result);
    }

    private Object handleProxyEvent(JsonNode event, Context context) {
        try {
            StoredItem item = ProxyRequests.storedItem(event, context, clock);
            log(context, item, store.put(item));
            return ProxyResponses.stored(item.id());
        } catch (BadRequestException rejected) {
            context.getLogger().log("writer: 400 " + rejected.getMessage());
            return ProxyResponses.error(400, rejected.getMessage());
        } catch (ItemTooLargeException tooLarge) {
            context.getLogger().log("writer: 413 " + tooLarge.getMessage());
            return ProxyResponses.error(413, tooLarge.getMessage());
        } catch (ItemConflictException conflict) {
            context.getLogger().log("writer: 409 " + conflict.getMessage());
            return ProxyResponses.error(409, conflict.getMessage());
        } catch (WriteThrottledException throttled) {
            context.getLogger().log("writer: 503 " + throttled.getMessage());
            return ProxyResponses.error(503, "DynamoDB is throttling writes; retry later");
        } catch (StoreUnavailableException unavailable) {
            context.getLogger().log("writer: 503 " + unavailable.getMessage());
            return ProxyResponses.error(503, "DynamoDB is unavailable; the item was not stored; retry later");
        } catch (RuntimeException failure) {
            context.getLogger().log("writer: 500 the item was not stored: " + stackTrace(failure));
            return ProxyResponses.error(500, "the item could not be stored; see the function log for request "
                    + context.getAwsRequestId());
        }
    }

    private Object handleDirectInvocation(ObjectNode event, Context context) {
        // failures propagate: Lambda reports them as function errors, and retries asynchronous events
        StoredItem item = DirectInvocations.storedItem(event, context, clock);
        log(context, item, store.put(item));
        return ProxyResponses.storedResult(item.id());
    }

    private static JsonNode readEvent(InputStream input) throws IOException {
        JsonNode event;
        try {
            event = WriterJson.MAPPER.readTree(input);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("the event is not valid JSON: " + malformed.getOriginalMessage(),
                    malformed);
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the event must be a JSON object (a proxy event or the object to "
                    + "store), not " + (event == null || event.isMissingNode() ? "nothing" : RequestBodies.describe(event)));
        }
        return event;
    }

    private static void log(Context context, StoredItem item, ItemStore.Outcome outcome) {
        context.getLogger().log("writer: " + (outcome == ItemStore.Outcome.CREATED ? "stored" : "already stored")
                + " item " + item.id() + (item.runId() == null ? "" : " run " + item.runId()));
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static String requiredEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the template sets it");
        }
        return value;
    }
}
