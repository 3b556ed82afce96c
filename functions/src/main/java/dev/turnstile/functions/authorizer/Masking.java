package dev.turnstile.functions.authorizer;

/**
 * Masks secrets for log lines the way API Gateway does: only the last 4 characters stay readable.
 */
public final class Masking {
    private Masking() {
    }

    /** {@code ****abcd} for a secret, {@code (none)} when there is none. */
    public static String mask(String secret) {
        if (secret == null) {
            return "(none)";
        }
        if (secret.isEmpty()) {
            return "(empty)";
        }
        return "****" + secret.substring(Math.max(0, secret.length() - 4));
    }
}
