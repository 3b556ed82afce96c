package dev.turnstile.conformance.ledger;

import java.util.Arrays;

/** A growable array of {@code long}s: a column of one number per request, 8 bytes each instead of a boxed list's 24. */
public final class LongList {

    private long[] values = new long[1024];
    private int size;

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public long get(int index) {
        return values[index];
    }

    public int size() {
        return size;
    }

    /** The backing array (its first {@link #size()} values are the list). */
    public long[] raw() {
        return values;
    }
}
