package dev.turnstile.conformance.crosscheck;

import dev.turnstile.conformance.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.Comparator;
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
        Map<String, List<LedgerEntry>> byIdentity = new LinkedHashMap<>();
        long uncached = 0;
        for (LedgerEntry e : entries) {
            if (!reachedAuthorizer(e)) {
                continue;
            }
            if (!cacheable(e) || ttlSeconds == 0) {
                uncached++;
                continue;
            }
            byIdentity.computeIfAbsent(e.tokenClass(), k -> new ArrayList<>()).add(e);
        }
        long ttlMs = ttlSeconds * 1000L;
        long min = uncached;
        long max = uncached;
        for (List<LedgerEntry> list : byIdentity.values()) {
            list.sort(Comparator.comparingLong(e -> stageTime.applyAsLong(e.timeMs())));
            max += simulate(list, ttlMs, stageTime, false);
            min += simulate(list, ttlMs, stageTime, true);
        }
        return new Range(min, max);
    }

    private static long simulate(List<LedgerEntry> sorted, long ttlMs, LongUnaryOperator stageTime, boolean warmStart) {
        long count = 0;
        long cachedAt = Long.MIN_VALUE;
        long inFlightUntil = Long.MIN_VALUE; // wall time the miss that filled the cache was answered
        for (int i = 0; i < sorted.size(); i++) {
            LedgerEntry e = sorted.get(i);
            long t = stageTime.applyAsLong(e.timeMs());
            if (i == 0 && warmStart) {
                cachedAt = t;
                continue;
            }
            if (cachedAt != Long.MIN_VALUE && t - cachedAt < ttlMs) {
                if (!warmStart && e.timeMs() < inFlightUntil) {
                    count++; // sent while the filling call was still running: may have missed too
                }
                continue;
            }
            count++;
            cachedAt = t;
            inFlightUntil = e.timeMs() + e.latencyMs();
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
