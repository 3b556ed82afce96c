package dev.turnstile.stage.profile;

/**
 * Masks secrets (API key values, authorizer tokens) the way API Gateway prints key values: asterisks and the last 4
 * characters. Every log line and report that names a secret goes through here.
 */
public final class SecretMask {

    private SecretMask() {
    }

    /** {@code **********Ab3d} for {@code …Ab3d}; empty for null or empty. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        int keep = Math.min(4, secret.length());
        return "*".repeat(10) + secret.substring(secret.length() - keep);
    }
}
