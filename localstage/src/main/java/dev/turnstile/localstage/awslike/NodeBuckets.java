package dev.turnstile.localstage.awslike;

import dev.turnstile.stage.usageplan.TokenBucket;

/**
 * One throttle (a usage plan's, a plan method's or a stage method's) as N gateway nodes hold it: node {@code i} has
 * its own token bucket refilled at {@code rate / N} with {@code burst / N} tokens (the remainder of the burst spread
 * one token each over the first nodes, and never less than one token, so no node refuses everything). The nodes'
 * buckets add up to the plan's; what a distributed limiter loses or gains comes from how the requests fall on the
 * nodes (docs/aws-behaviour.md §15.3). With one node and factor 1 it is exactly the plan's bucket.
 *
 * <p>{@code factor} scales rate and burst before they are shared: 1 always, except under the test-only fault
 * {@link StageFault#OVER_ADMIT} (1.25). Not synchronized, like {@link TokenBucket}: the usage-plan service holds the
 * throttle's lock.
 */
public final class NodeBuckets {

    private final double rateLimit;
    private final int burstLimit;
    private final TokenBucket[] nodes;

    /**
     * @param rateLimit  the throttle's rate, requests per second
     * @param burstLimit the throttle's burst
     * @param nodeCount  gateway nodes
     * @param factor     1, or the over-admission of a fault
     * @param nowMillis  when the buckets start full
     */
    public NodeBuckets(double rateLimit, int burstLimit, int nodeCount, double factor, long nowMillis) {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("node count must be >= 1, got " + nodeCount);
        }
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be > 0, got " + factor);
        }
        this.rateLimit = rateLimit;
        this.burstLimit = burstLimit;
        this.nodes = new TokenBucket[nodeCount];
        double rate = rateLimit * factor;
        int burst = factor == 1.0 ? burstLimit : (int) Math.round(burstLimit * factor);
        for (int i = 0; i < nodeCount; i++) {
            int share = burst / nodeCount + (i < burst % nodeCount ? 1 : 0);
            nodes[i] = new TokenBucket(rate / nodeCount, nodeCount == 1 ? share : Math.max(1, share), nowMillis);
        }
    }

    /** The bucket node {@code node} decides with. */
    public TokenBucket on(int node) {
        return nodes[node];
    }

    /** How many nodes share the throttle. */
    public int nodeCount() {
        return nodes.length;
    }

    /** The throttle's configured rate (not a node's share), for messages. */
    public double rateLimit() {
        return rateLimit;
    }

    /** The throttle's configured burst (not a node's share), for messages. */
    public int burstLimit() {
        return burstLimit;
    }
}
