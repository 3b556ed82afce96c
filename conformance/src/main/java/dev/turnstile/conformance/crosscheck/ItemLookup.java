package dev.turnstile.conformance.crosscheck;

import java.util.Optional;

/** Looks up the writer's item by its key, the extended request id (DynamoDB {@code GetItem}, or an in-memory double). */
public interface ItemLookup {

    /** The stored item's {@code runId} attribute (empty string when the item has none), or empty when no item exists. */
    Optional<String> runIdOf(String id);
}
