package dev.turnstile.functions.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item the writer stores for one request: its id, when the request was made, and what came with it.
 *
 * @param id          the item key {@code ID}: the API Gateway request id (or the Lambda request id)
 * @param created     when the request was received
 * @param payload     the whole JSON object sent
 * @param metadata    the payload's metadata field, or {@code null} when absent
 * @param principalId the authorizer's principal, or {@code null}
 * @param apiKeyId    the id of the API key used, or {@code null}
 * @param runId       the Turnstile run that sent the request, or {@code null}
 */
public record StoredItem(String id, Instant created, ObjectNode payload, JsonNode metadata,
                         String principalId, String apiKeyId, String runId) {

    // fixed millisecond precision, so the strings sort in time order
    private static final DateTimeFormatter CREATED_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Checks the required parts. */
    public StoredItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(payload, "payload");
    }

    /** The item as DynamoDB attributes; optional attributes are left out when absent. */
    public Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("ID", AttributeValue.fromS(id));
        item.put("created", AttributeValue.fromS(CREATED_FORMAT.format(created)));
        item.put("payload", AttributeValues.of(payload, "payload"));
        if (metadata != null) {
            item.put("metadata", AttributeValues.of(metadata, "metadata"));
        }
        putIfPresent(item, "principalId", principalId);
        putIfPresent(item, "apiKeyId", apiKeyId);
        putIfPresent(item, "runId", runId);
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
