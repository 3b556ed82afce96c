package dev.turnstile.bench.scale;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.stage.usageplan.TokenBucket;
import java.util.Base64;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The requests of a synthetic ThrottleRate run, one at a time in send order: {@code count} POST /items with one key
 * and the TOKEN authorizer's allow token, offered at {@code offeredRps} and split round-robin over the injectors,
 * each admitted or throttled (429 {@code TooManyRequestsException}) by the plan's token bucket — what the stage would
 * have answered, without sending anything.
 */
final class SyntheticLoad implements Iterator<SyntheticLoad.Request> {

    /**
     * One request and what the stage would have written for it.
     *
     * @param entry             the ledger line
     * @param extendedRequestId the gateway's extended request id ({@code x-amz-apigw-id})
     */
    record Request(LedgerEntry entry, String extendedRequestId) { }

    private final long count;
    private final String[] runIds;
    private final String keyId;
    private final long startMs;
    private final double intervalMs;
    private final TokenBucket bucket;
    private final SplittableRandom random;
    private long next;

    SyntheticLoad(long count, String[] runIds, String keyId, long startMs, double offeredRps, double rateLimit,
                  int burstLimit, long seed) {
        this.count = count;
        this.runIds = runIds;
        this.keyId = keyId;
        this.startMs = startMs;
        this.intervalMs = 1000.0 / offeredRps;
        this.bucket = new TokenBucket(rateLimit, burstLimit, startMs);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean hasNext() {
        return next < count;
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long k = next++;
        long timeMs = startMs + (long) (k * intervalMs);
        int injector = (int) (k % runIds.length);
        boolean admitted = bucket.tryAcquire(timeMs);
        // admitted requests run the writer (tens of ms); a throttled one is answered by the gateway at once
        long latency = admitted ? 15 + random.nextInt(40) : 1 + random.nextInt(4);
        // a version-4 UUID and 11 bytes in base64, the shapes of x-amzn-RequestId and x-amz-apigw-id
        UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        byte[] extended = new byte[11];
        random.nextBytes(extended);
        String extendedId = Base64.getEncoder().encodeToString(extended);
        // the ledger records x-amz-apigw-id, the id the item and the access-log line are joined by
        LedgerEntry entry = new LedgerEntry(runIds[injector], id.toString(), extendedId, "POST /items", keyId,
                "allow", admitted ? 200 : 429, admitted ? null : "TooManyRequestsException", latency, timeMs,
                injector, "ThrottleRate");
        return new Request(entry, extendedId);
    }
}
