package dev.turnstile.localstage.awslike;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A quota as N gateway nodes count it (docs/aws-behaviour.md §15.3): the key's one counter counts every admitted
 * request, but a node decides with what it last learnt of it — the remaining quota read at its last sync, at most
 * {@code syncMillis} old, less what the node itself admitted since. Requests the other nodes admitted meanwhile are
 * unknown to it, so near the end of a quota the nodes together admit up to (N − 1) × (requests per node per sync
 * interval) more than the limit. A control-plane change ({@code UpdateUsage}) reaches every node at once
 * ({@link #invalidate}).
 *
 * <p>Not synchronized: the usage-plan service holds the key's lock.
 */
public final class NodeQuotaView {

    private final long syncMillis;
    private final long[] syncedAt;
    private final long[] remaining;

    public NodeQuotaView(int nodeCount, long syncMillis) {
        if (nodeCount < 1 || syncMillis < 0) {
            throw new IllegalArgumentException("need nodeCount >= 1 and syncMillis >= 0, got " + nodeCount + ", "
                    + syncMillis);
        }
        this.syncMillis = syncMillis;
        this.syncedAt = new long[nodeCount];
        this.remaining = new long[nodeCount];
        invalidate();
    }

    /**
     * Whether node {@code node} considers the quota used up at {@code nowMillis}; it first re-reads the counter
     * ({@code remainingNow}) when its view is older than the sync interval.
     */
    public boolean exhausted(int node, long nowMillis, LongSupplier remainingNow) {
        long age = nowMillis - syncedAt[node];
        if (age >= syncMillis || age < 0) {
            remaining[node] = remainingNow.getAsLong();
            syncedAt[node] = nowMillis;
        }
        return remaining[node] <= 0;
    }

    /** Node {@code node} admitted one request: its own view goes down at once. */
    public void consumed(int node) {
        remaining[node]--;
    }

    /** Every node re-reads the counter on its next request. */
    public void invalidate() {
        Arrays.fill(syncedAt, Long.MIN_VALUE / 4);
    }
}
