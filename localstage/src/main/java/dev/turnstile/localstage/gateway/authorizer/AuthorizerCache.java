package dev.turnstile.localstage.gateway.authorizer;

import dev.turnstile.localstage.time.StageClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorizer result cache: per authorizer, keyed by the identity values, valid for
 * {@code authorizerResultTtlInSeconds} on the stage clock. Only validated policies (Allow or Deny) are
 * stored; 401s and failures never are (a local choice where AWS is silent: docs/aws-behaviour.md §12).
 */
public final class AuthorizerCache {

    /** Above this many entries, expired ones are swept before inserting, so the map cannot grow without bound on stale identities. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private record Entry(AuthorizerResult result, long expiresAtMillis) { }

    private final StageClock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AuthorizerCache(StageClock clock) {
        this.clock = clock;
    }

    /** The cached result for this key, or null when absent or expired. */
    public AuthorizerResult get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.result;
    }

    /** Stores a result for {@code ttlSeconds}; a TTL of 0 stores nothing. */
    public void put(String key, AuthorizerResult result, int ttlSeconds) {
        if (ttlSeconds <= 0) {
            return;
        }
        long now = clock.millis();
        if (entries.size() >= SWEEP_THRESHOLD) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis);
        }
        entries.put(key, new Entry(result, now + ttlSeconds * 1000L));
    }

    /** Number of live and not-yet-swept entries (for tests and diagnostics). */
    public int size() {
        return entries.size();
    }
}
