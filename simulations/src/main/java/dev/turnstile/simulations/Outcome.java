package dev.turnstile.simulations;

import dev.turnstile.conformance.ledger.LedgerEntry;
import java.util.Objects;

/**
 * What a client sees of an answer for verdict purposes: HTTP status and {@code x-amzn-ErrorType} (null when absent).
 *
 * @param status    HTTP status (0 = the stage could not be reached)
 * @param errorType {@code x-amzn-ErrorType}, or null
 */
public record Outcome(int status, String errorType) {

    public static final Outcome OK = new Outcome(200, null);
    public static final Outcome BAD_REQUEST = new Outcome(400, null);
    public static final Outcome UNAUTHORIZED = new Outcome(401, "UnauthorizedException");
    public static final Outcome EXPLICIT_DENY = new Outcome(403, "AccessDeniedException");
    public static final Outcome FORBIDDEN = new Outcome(403, "ForbiddenException");
    public static final Outcome MISSING_AUTHENTICATION_TOKEN = new Outcome(403, "MissingAuthenticationTokenException");
    public static final Outcome AUTHORIZER_ERROR = new Outcome(500, "AuthorizerConfigurationException");
    public static final Outcome TOO_MANY_REQUESTS = new Outcome(429, "TooManyRequestsException");
    public static final Outcome LIMIT_EXCEEDED = new Outcome(429, "LimitExceededException");

    /** The outcome a ledger entry recorded. */
    public static Outcome of(LedgerEntry entry) {
        return new Outcome(entry.status(), entry.errorType());
    }

    /** True when {@code entry} got exactly this status and error type. */
    public boolean matches(LedgerEntry entry) {
        return entry.status() == status && Objects.equals(entry.errorType(), errorType);
    }

    @Override
    public String toString() {
        return status + (errorType == null ? "" : " " + errorType);
    }
}
