package dev.turnstile.reports.input;

import java.util.Objects;

/**
 * One request as the capacity report sees it, from an access-log line or a ledger entry.
 *
 * @param timeMillis request time, epoch ms
 * @param apiKeyId   the API key id (never the value); null when the request carried no known key
 * @param route      {@code VERB /resource/path}, e.g. {@code POST /items}
 * @param status     HTTP status
 * @param outcome    what the usage-plan step did with it
 */
public record Arrival(long timeMillis, String apiKeyId, String route, int status, Outcome outcome) {

    public Arrival {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The usage-plan step's effect on one request. */
    public enum Outcome {
        /** Passed the usage-plan step (whatever the integration answered afterwards). */
        ADMITTED,
        /** 429 THROTTLED. */
        THROTTLED,
        /** 429 QUOTA_EXCEEDED. */
        QUOTA_EXCEEDED,
        /** Stopped before the usage-plan step (routing, authorizer, API key): it never reached a bucket. */
        NOT_METERED
    }

    /** True when the request reached the key's token bucket, i.e. it belongs in a replay. */
    public boolean metered() {
        return apiKeyId != null && outcome != Outcome.NOT_METERED;
    }
}
