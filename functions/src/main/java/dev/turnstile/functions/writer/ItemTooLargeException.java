package dev.turnstile.functions.writer;

/**
 * The item would exceed DynamoDB's 400 KB item size limit: answered with 413, nothing stored.
 */
public final class ItemTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long itemSize;

    /** @param itemSize the item's size in bytes, computed the way DynamoDB does */
    public ItemTooLargeException(long itemSize) {
        super("the item would be " + itemSize + " bytes; DynamoDB's item size limit is "
                + ItemSize.MAX_ITEM_BYTES + " bytes (400 KB)");
        this.itemSize = itemSize;
    }

    /** The item's size in bytes. */
    public long itemSize() {
        return itemSize;
    }
}
