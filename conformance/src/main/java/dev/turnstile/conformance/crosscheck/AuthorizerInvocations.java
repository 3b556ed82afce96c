package dev.turnstile.conformance.crosscheck;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LongList;
import dev.turnstile.conformance.ledger.PackedSort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * How many times an authorizer must have run for a set of requests, given its result cache TTL (docs/aws-behaviour.md §4.6 and
 * §10): the cache key is the identity (the ledger's token class, a fixed token per class); Allow and Deny policies are
 * cached for the TTL on stage time; {@code Unauthorized} (401) and authorizer errors (500) are not cached; a request
 * with a missing identity never reaches the authorizer.
 *
 * <p>The range is {@code [min, max]}: {@code max} assumes an empty cache at the start and counts a request that
 * overlapped an in-flight miss for the same identity as a possible second miss; {@code min} assumes each identity's
 * first cached request found a policy cached just then by an earlier run (the latest such entry, which minimises
 * later misses).
 */
public final class AuthorizerInvocations {

    /** Expected invocation count range. */
    public record Range(long min, long max) {
        public boolean contains(long count) {
            return count >= min && count <= max;
        }
    }

    private AuthorizerInvocations() {
    }

    /**
     * @param entries    ledger entries of routes guarded by this authorizer
     * @param ttlSeconds the authorizer's cache TTL (0 disables caching)
     * @param stageTime  maps a ledger (wall) time to stage time
     */
    public static Range expected(List<LedgerEntry> entries, int ttlSeconds, LongUnaryOperator stageTime) {
        Tally tally = new Tally(ttlSeconds, stageTime);
        entries.forEach(tally::add);
        return tally.range();
    }

    /**
     * The same range counted as a run's ledger streams by: per identity three numbers a request (stage time, send
     * time, latency), never the entries, sorted at the end (a ledger need not be in time order).
     */
    public static final class Tally {
        private final int ttlSeconds;
        private final LongUnaryOperator stageTime;
        private final Map<String, LongList[]> byIdentity = new LinkedHashMap<>();
        private long uncached;

        public Tally(int ttlSeconds, LongUnaryOperator stageTime) {
            this.ttlSeconds = ttlSeconds;
            this.stageTime = stageTime;
        }

        /** Counts one ledger entry of a route this authorizer guards. */
        public void add(LedgerEntry e) {
            if (!reachedAuthorizer(e)) {
                return;
            }
            if (!cacheable(e) || ttlSeconds == 0) {
                uncached++;
                return;
            }
            LongList[] columns = byIdentity.computeIfAbsent(e.tokenClass(),
                    k -> new LongList[] {new LongList(), new LongList(), new LongList()});
            columns[0].add(stageTime.applyAsLong(e.timeMs()));
            columns[1].add(e.timeMs());
            columns[2].add(e.latencyMs());
        }

        /** Whether any entry was counted. */
        public boolean isEmpty() {
            return uncached == 0 && byIdentity.isEmpty();
        }

        public Range range() {
            long ttlMs = ttlSeconds * 1000L;
            long min = uncached;
            long max = uncached;
            for (LongList[] c : byIdentity.values()) {
                int[] order = PackedSort.order(c[0].raw(), c[0].size());
                max += simulate(c, order, ttlMs, false);
                min += simulate(c, order, ttlMs, true);
            }
            return new Range(min, max);
        }
    }

    private static long simulate(LongList[] c, int[] order, long ttlMs, boolean warmStart) {
        long count = 0;
        long cachedAt = Long.MIN_VALUE;
        long inFlightUntil = Long.MIN_VALUE; // wall time the miss that filled the cache was answered
        for (int i = 0; i < order.length; i++) {
            int e = order[i];
            long t = c[0].get(e);
            long sent = c[1].get(e);
            if (i == 0 && warmStart) {
                cachedAt = t;
                continue;
            }
            if (cachedAt != Long.MIN_VALUE && t - cachedAt < ttlMs) {
                if (!warmStart && sent < inFlightUntil) {
                    count++; // sent while the filling call was still running: may have missed too
                }
                continue;
            }
            count++;
            cachedAt = t;
            inFlightUntil = sent + c[2].get(e);
        }
        return count;
    }

    /** False for a request the gateway rejected before the authorizer: unknown route, or missing identity. */
    static boolean reachedAuthorizer(LedgerEntry e) {
        if (e.status() == 0 || "MissingAuthenticationTokenException".equals(e.errorType())) {
            return false;
        }
        String identity = e.tokenClass();
        if (identity == null) {
            return false;
        }
        for (String part : identity.split("/")) {
            if (part.isEmpty() || "missing".equals(part)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the authorizer answered with a policy (cached) rather than Unauthorized or an error (not cached). */
    static boolean cacheable(LedgerEntry e) {
        return e.status() != 401 && !"AuthorizerConfigurationException".equals(e.errorType());
    }
}
