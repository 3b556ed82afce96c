package dev.turnstile.localstage.usageplan;

/**
 * The usage-plan step's verdict for one request.
 *
 * @param verdict        admitted or the rejection kind
 * @param apiKeyId       id of the key used (null when none or unknown)
 * @param usagePlanId    id of the plan the key belongs to for this stage (null when none)
 * @param detail         execution-log text for a rejection, e.g.
 *                       {@code Key throttle limit exceeded for Usage Plan ID abc123, RestApi …. Limit: 10.00 Burst: 20}; null when admitted
 */
public record UsageDecision(Verdict verdict, String apiKeyId, String usagePlanId, String detail) {

    /** The outcome of the usage-plan step. */
    public enum Verdict {
        /** Served: go on to the integration. */
        ADMITTED,
        /** Method not metered ({@code apiKeyRequired=false}) and no stage/account throttle fired. */
        NOT_METERED,
        /** Missing, unknown, disabled key, or key not in a plan for this stage → 403 INVALID_API_KEY. */
        INVALID_API_KEY,
        /** A throttle fired → 429 THROTTLED. */
        THROTTLED,
        /** The key's quota is spent → 429 QUOTA_EXCEEDED. */
        QUOTA_EXCEEDED
    }

    /** True when the request goes on to the integration. */
    public boolean admitted() {
        return verdict == Verdict.ADMITTED || verdict == Verdict.NOT_METERED;
    }
}
