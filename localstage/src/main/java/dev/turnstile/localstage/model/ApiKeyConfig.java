package dev.turnstile.localstage.model;

import dev.turnstile.stage.profile.SecretMask;

/**
 * An API key as declared in the template (its enabled flag may later change through the usage API).
 *
 * @param id        key id (10 lowercase alphanumerics, stable per data directory)
 * @param logicalId the template logical id
 * @param name      key name
 * @param value     the secret value (20–128 alphanumerics); never log it unmasked
 * @param enabled   initial enabled flag from the template
 */
public record ApiKeyConfig(String id, String logicalId, String name, String value, boolean enabled) {

    /** The value masked as API Gateway prints it: asterisks and the last 4 characters. */
    public String maskedValue() {
        return mask(value);
    }

    /** Masks a secret to its last 4 characters, e.g. {@code **********Ab3d} (the stage contract's one mask). */
    public static String mask(String secret) {
        return SecretMask.mask(secret);
    }

    @Override
    public String toString() {
        return "ApiKeyConfig[id=" + id + ", logicalId=" + logicalId + ", name=" + name + ", value=" + maskedValue()
                + ", enabled=" + enabled + "]";
    }
}
