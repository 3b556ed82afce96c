package dev.turnstile.conformance.ledger;

import java.util.function.LongBinaryOperator;

/**
 * A table from a request id to one {@code long} of packed facts, 16 bytes a request instead of the hundreds a
 * {@code Map<String, …>} costs: what lets a cross-check join a million requests with their items and log lines in a
 * 512 MB heap (bench/README.md, "Scaling"). Ids are keyed by a 64-bit hash ({@link #hash}); two of a million ids
 * share one with a probability near 3 × 10⁻⁸, so a join by hash is a join by id. Open addressing with linear probing;
 * not thread-safe (callers that fill it from several threads synchronise).
 */
public final class KeyTable {

    private static final long EMPTY = 0;
    private long[] keys;
    private long[] values;
    private int size;

    /** A table sized for about {@code expected} ids (it grows as needed). */
    public KeyTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new long[capacity];
    }

    /**
     * A 64-bit hash of an id (FNV-1a over its chars, then MurmurHash3's finaliser); never 0, which marks an empty
     * slot.
     */
    public static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    /** Ids in the table. */
    public int size() {
        return size;
    }

    /** Whether {@code key} (a {@link #hash}) is in the table. */
    public boolean contains(long key) {
        return keys[slot(key)] == key;
    }

    /** The value of {@code key}, or {@code absent} when it is not in the table. */
    public long get(long key, long absent) {
        int slot = slot(key);
        return keys[slot] == key ? values[slot] : absent;
    }

    /** Sets {@code key}'s value. */
    public void put(long key, long value) {
        merge(key, value, (old, v) -> v);
    }

    /** Stores {@code value} for a new key, or {@code merge(old, value)} for a present one; returns what is stored. */
    public long merge(long key, long value, LongBinaryOperator merge) {
        int slot = slot(key);
        if (keys[slot] == key) {
            values[slot] = merge.applyAsLong(values[slot], value);
            return values[slot];
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    /** Calls {@code action} with every key and value (in no particular order). */
    public void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** A key and its value. */
    @FunctionalInterface
    public interface Entry {
        void accept(long key, long value);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
