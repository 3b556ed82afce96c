package dev.turnstile.conformance.crosscheck;

import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * The other way to check a run's items: read every item that carries one of the run's ids (DynamoDB {@code Scan}
 * filtered by {@code runId}, {@link DynamoItemScan}) instead of looking each request up. An item whose request sent
 * another run id is not seen this way, so such a request shows as a missing item rather than a foreign one.
 */
public interface RunItems {

    /** Calls {@code action} with the {@code ID} and {@code runId} of every item of {@code runIds}, from any thread. */
    void forEachItem(Collection<String> runIds, BiConsumer<String, String> action);
}
