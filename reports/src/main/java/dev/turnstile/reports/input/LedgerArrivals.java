package dev.turnstile.reports.input;

import dev.turnstile.conformance.ledger.LedgerEntry;

/**
 * Turns ledger entries (the client's view) into arrivals, for when access logs are not available. The ledger
 * has no gateway-response type, so a 429 counts as {@code THROTTLED} unless its {@code x-amzn-ErrorType} says
 * {@code LimitExceededException}; 401/403 and unreachable requests did not reach a bucket.
 */
public final class LedgerArrivals {

    private LedgerArrivals() {
    }

    /** The arrival for one ledger entry. */
    public static Arrival of(LedgerEntry e) {
        if (e.route() == null) {
            throw new IllegalArgumentException("ledger entry without a route: request " + e.joinId());
        }
        Arrival.Outcome outcome;
        if (e.status() == 429) {
            outcome = "LimitExceededException".equals(e.errorType()) ? Arrival.Outcome.QUOTA_EXCEEDED
                    : Arrival.Outcome.THROTTLED;
        } else if (e.status() == 0 || e.status() == 401 || e.status() == 403) {
            outcome = Arrival.Outcome.NOT_METERED;
        } else {
            outcome = Arrival.Outcome.ADMITTED;
        }
        return new Arrival(e.timeMs(), e.apiKeyId(), e.route(), e.status(), outcome);
    }
}
