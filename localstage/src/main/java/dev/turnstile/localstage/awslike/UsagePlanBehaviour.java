package dev.turnstile.localstage.awslike;

import java.time.Duration;
import java.util.Objects;

/**
 * How the usage-plan step decides, exact or AWS-like (docs/aws-behaviour.md §15.2–14.3): the gateway nodes that share
 * every usage-plan and stage throttle and count quotas, how often a node learns the others' quota counts, how long an
 * admitted request stays out of {@code GetUsage}, and the admission factor of the test-only fault
 * {@link StageFault#OVER_ADMIT}.
 *
 * @param nodes           the gateway nodes
 * @param planAdmission   1, or 1.25 under {@link StageFault#OVER_ADMIT} (usage-plan throttles only)
 * @param quotaSyncMillis how old a node's view of a quota may get
 * @param usageLagMillis  how long an admitted request stays out of {@code GetUsage}
 */
public record UsagePlanBehaviour(GatewayNodes nodes, double planAdmission, long quotaSyncMillis, long usageLagMillis) {

    /** What {@link StageFault#OVER_ADMIT} multiplies a plan's rate and burst by. */
    public static final double OVER_ADMISSION = 1.25;

    public UsagePlanBehaviour {
        Objects.requireNonNull(nodes, "nodes");
        if (!(planAdmission > 0) || quotaSyncMillis < 0 || usageLagMillis < 0) {
            throw new IllegalArgumentException("bad usage-plan behaviour: admission " + planAdmission + ", quota sync "
                    + quotaSyncMillis + " ms, usage lag " + usageLagMillis + " ms");
        }
    }

    /** One node, exact counts, no lag: the local stage's default. */
    public static UsagePlanBehaviour exact() {
        return new UsagePlanBehaviour(GatewayNodes.single(), 1.0, 0, 0);
    }

    /** The behaviour the options and faults ask for. */
    public static UsagePlanBehaviour of(AwsLikeOptions awsLike, java.util.Set<StageFault> faults) {
        return new UsagePlanBehaviour(new GatewayNodes(awsLike.gatewayNodes(), awsLike.spread(), awsLike.seed()),
                faults.contains(StageFault.OVER_ADMIT) ? OVER_ADMISSION : 1.0, millis(awsLike.quotaSync()),
                millis(awsLike.usageLag()));
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }
}
