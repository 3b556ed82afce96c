package dev.turnstile.localstage.awslike;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway nodes a stage's requests are spread over (docs/aws-behaviour.md §15.3): each request is decided by
 * one node, picked at random (seeded) or in turn. With one node every request meets the same buckets, as the exact
 * local stage has it.
 */
public final class GatewayNodes {

    private final int count;
    private final AwsLikeOptions.NodeSpread spread;
    private final Random random;
    private final AtomicLong turn = new AtomicLong();

    public GatewayNodes(int count, AwsLikeOptions.NodeSpread spread, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("gateway nodes must be >= 1, got " + count);
        }
        this.count = count;
        this.spread = spread;
        this.random = new Random(seed);
    }

    /** One node: the exact stage. */
    public static GatewayNodes single() {
        return new GatewayNodes(1, AwsLikeOptions.NodeSpread.ROUND_ROBIN, 1);
    }

    /** How many nodes. */
    public int count() {
        return count;
    }

    /** The node that decides the next request, in {@code [0, count)}. */
    public int next() {
        if (count == 1) {
            return 0;
        }
        return spread == AwsLikeOptions.NodeSpread.ROUND_ROBIN
                ? (int) Math.floorMod(turn.getAndIncrement(), (long) count)
                : random.nextInt(count);
    }
}
