package dev.turnstile.functions.writer;

/**
 * An item with this id is already stored and holds a different request: answered with 409, nothing stored.
 *
 * <p>Ids are ones no client controls (API Gateway's extended request id, or the Lambda request id), so two
 * different bodies under one id mean a gateway or Lambda fault; the writer never answers {@code stored: true}
 * for a body it did not store.
 */
public final class ItemConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param id the item key already taken */
    public ItemConflictException(String id) {
        super("an item with id " + id + " is already stored with a different request; this request was not stored");
    }
}
