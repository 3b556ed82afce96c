package dev.turnstile.localstage.awslike;

import java.time.Duration;
import java.util.Objects;

/**
 * The local stage's AWS-like mode ({@code --aws-like}): each knob makes one exact local behaviour as loose as AWS
 * documents it (docs/aws-behaviour.md §15 gives the sources and the model of each). Off by default: {@link #exact()}
 * keeps every knob at its exact value, which is what the embedded stage and every local test run on.
 *
 * @param enabled          whether {@code --aws-like} was asked for (recorded in the profile's local facts)
 * @param logDelivery      how late a batch of log events (access, execution, function) becomes readable
 * @param usageLag         how long an admitted request stays out of {@code GetUsage}
 * @param gatewayNodes     independent gateway nodes deciding usage-plan and stage throttles and quotas, each with
 *                         its share of every bucket
 * @param spread           how requests are spread over the nodes
 * @param quotaSync        how often a node learns the quota usage the other nodes counted
 * @param coldStartDelay   init time an on-demand execution environment pays on top of its JVM's own start
 * @param seed             seed of every random draw (delays, node choice), so a run can be repeated
 */
public record AwsLikeOptions(boolean enabled, DelayRange logDelivery, Duration usageLag, int gatewayNodes,
                             NodeSpread spread, Duration quotaSync, Duration coldStartDelay, long seed) {

    /** Default log delivery: seconds, per docs/aws-behaviour.md §15.1. */
    public static final DelayRange DEFAULT_LOG_DELIVERY = new DelayRange(Duration.ofSeconds(2), Duration.ofSeconds(20));
    /** Default GetUsage lag (AWS documents none: §15.2). */
    public static final Duration DEFAULT_USAGE_LAG = Duration.ofSeconds(30);
    /** Default number of gateway nodes (§15.3). */
    public static final int DEFAULT_GATEWAY_NODES = 4;
    /** Default quota propagation between nodes (§15.3). */
    public static final Duration DEFAULT_QUOTA_SYNC = Duration.ofSeconds(1);
    /** Default extra init of a cold start: the top of the range AWS gives (§15.4). */
    public static final Duration DEFAULT_COLD_START_DELAY = Duration.ofSeconds(1);

    public AwsLikeOptions {
        Objects.requireNonNull(logDelivery, "logDelivery");
        Objects.requireNonNull(spread, "spread");
        requireNotNegative(usageLag, "usage lag");
        requireNotNegative(quotaSync, "quota sync");
        requireNotNegative(coldStartDelay, "cold-start delay");
        if (gatewayNodes < 1 || gatewayNodes > 1024) {
            throw new IllegalArgumentException("gateway nodes must be between 1 and 1024, got " + gatewayNodes);
        }
    }

    /** Every knob exact: the local stage's default. */
    public static AwsLikeOptions exact() {
        return new AwsLikeOptions(false, DelayRange.NONE, Duration.ZERO, 1, NodeSpread.RANDOM, Duration.ZERO,
                Duration.ZERO, 1);
    }

    /** {@code --aws-like} with every knob at its documented default. */
    public static AwsLikeOptions awsDefaults() {
        return new AwsLikeOptions(true, DEFAULT_LOG_DELIVERY, DEFAULT_USAGE_LAG, DEFAULT_GATEWAY_NODES,
                NodeSpread.RANDOM, DEFAULT_QUOTA_SYNC, DEFAULT_COLD_START_DELAY, 1);
    }

    public AwsLikeOptions withLogDelivery(DelayRange value) {
        return new AwsLikeOptions(enabled, value, usageLag, gatewayNodes, spread, quotaSync, coldStartDelay, seed);
    }

    public AwsLikeOptions withUsageLag(Duration value) {
        return new AwsLikeOptions(enabled, logDelivery, value, gatewayNodes, spread, quotaSync, coldStartDelay, seed);
    }

    public AwsLikeOptions withGatewayNodes(int value) {
        return new AwsLikeOptions(enabled, logDelivery, usageLag, value, spread, quotaSync, coldStartDelay, seed);
    }

    public AwsLikeOptions withSpread(NodeSpread value) {
        return new AwsLikeOptions(enabled, logDelivery, usageLag, gatewayNodes, value, quotaSync, coldStartDelay, seed);
    }

    public AwsLikeOptions withQuotaSync(Duration value) {
        return new AwsLikeOptions(enabled, logDelivery, usageLag, gatewayNodes, spread, value, coldStartDelay, seed);
    }

    public AwsLikeOptions withColdStartDelay(Duration value) {
        return new AwsLikeOptions(enabled, logDelivery, usageLag, gatewayNodes, spread, quotaSync, value, seed);
    }

    public AwsLikeOptions withSeed(long value) {
        return new AwsLikeOptions(enabled, logDelivery, usageLag, gatewayNodes, spread, quotaSync, coldStartDelay, value);
    }

    /** One line for the start-up log. */
    public String describe() {
        if (!enabled) {
            return "exact (not AWS-like)";
        }
        return "AWS-like: log delivery " + logDelivery + ", GetUsage lag " + usageLag + ", " + gatewayNodes
                + " gateway node(s) (" + spread.name().toLowerCase(java.util.Locale.ROOT) + ", quota sync " + quotaSync
                + "), cold-start delay " + coldStartDelay + ", seed " + seed;
    }

    private static void requireNotNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a duration >= 0, got " + d);
        }
    }

    /** How a request picks its gateway node. */
    public enum NodeSpread {
        /** Uniformly at random (seeded), as a load balancer spreading connections does. */
        RANDOM,
        /** Strictly in turn: the best a distributed limiter can do. */
        ROUND_ROBIN
    }
}
