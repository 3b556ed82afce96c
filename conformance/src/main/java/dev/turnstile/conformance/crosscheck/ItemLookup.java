package dev.turnstile.conformance.crosscheck;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Looks up the writer's item by its key, the extended request id (DynamoDB {@code GetItem}, or an in-memory double). */
public interface ItemLookup {

    /** The stored item's {@code runId} attribute (empty string when the item has none), or empty when no item exists. */
    Optional<String> runIdOf(String id);

    /** How many distinct ids {@link #runIdsOf} takes at once (DynamoDB's {@code BatchGetItem}: 100). */
    default int batchSize() {
        return 1;
    }

    /**
     * The {@code runId} of every id of {@code ids} (distinct, at most {@link #batchSize()}) that has an item; ids
     * without one are left out. Called by several threads at once.
     */
    default Map<String, String> runIdsOf(Collection<String> ids) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String id : ids) {
            runIdOf(id).ifPresent(runId -> found.put(id, runId));
        }
        return found;
    }
}
