package dev.turnstile.functions.writer;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;

/**
 * Reads a direct invocation (the event is the JSON object to store, as with {@code aws lambda invoke} or an
 * asynchronous delivery) into the item to store.
 */
public final class DirectInvocations {

    private DirectInvocations() {
    }

    /**
     * The item for a direct invocation. Its id is the Lambda request id, which Lambda keeps across the retries
     * of one asynchronous event, so a retried delivery cannot store the object twice.
     */
    public static StoredItem storedItem(ObjectNode event, Context context, Clock clock) {
        JsonNode metadata = event.has("metadata") ? event.get("metadata") : event.get("Metadata");
        return new StoredItem(context.getAwsRequestId(), clock.instant(), event, metadata, null, null, null);
    }
}
