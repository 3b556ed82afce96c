package dev.turnstile.localstage.model;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.List;
import java.util.Map;

/**
 * A usage plan attached to this API stage.
 *
 * @param id             usage plan id (6 lowercase alphanumerics, stable per data directory)
 * @param logicalId      the template logical id (SAM's generated one for {@code Auth.UsagePlan})
 * @param name           the plan name
 * @param throttle       key-level throttle, or null when the plan does not throttle
 * @param quota          quota, or null when the plan has none
 * @param methodThrottle per-method throttles keyed {@code /path/VERB} (e.g. {@code /items/POST})
 * @param apiKeyIds      ids of the API keys in this plan
 */
public record UsagePlanConfig(
        String id,
        String logicalId,
        String name,
        Throttle throttle,
        Quota quota,
        Map<String, Throttle> methodThrottle,
        List<String> apiKeyIds) {

    /**
     * Token-bucket settings.
     *
     * @param rateLimit  steady refill, requests per second
     * @param burstLimit bucket size
     */
    public record Throttle(double rateLimit, int burstLimit) { }

    /**
     * A quota per key.
     *
     * @param limit  requests per period
     * @param period DAY, WEEK or MONTH (UTC calendar periods)
     * @param offset requests subtracted from the limit in the first period
     */
    public record Quota(long limit, QuotaPeriod period, int offset) { }
}
