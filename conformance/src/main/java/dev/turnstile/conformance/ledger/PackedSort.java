package dev.turnstile.conformance.ledger;

import java.util.Arrays;

/**
 * Orders indices by a {@code long} key without boxing: each (key − smallest key, index) pair is packed into one
 * {@code long} and the array sorted as primitives, so a million arrivals sort in a few milliseconds and 8 bytes each.
 * Equal keys keep index order (a stable sort). Keys must span less than 2³² (49 days of milliseconds).
 */
public final class PackedSort {

    private PackedSort() {
    }

    /** The indices {@code 0..n-1} of {@code keys[0..n)} in ascending key order, ties by index. */
    public static int[] order(long[] keys, int n) {
        if (n == 0) {
            return new int[0];
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, keys[i]);
            max = Math.max(max, keys[i]);
        }
        if (max - min >= (1L << 32)) {
            throw new IllegalArgumentException("keys span " + (max - min) + ", more than 2^32 (49 days of ms)");
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((keys[i] - min) << 31) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & 0x7FFF_FFFFL);
        }
        return order;
    }
}
