package dev.turnstile.localstage.usageplan;

import java.util.Optional;

/**
 * Changes to one API key from {@code UpdateApiKey}; empty fields stay as they are. A present description
 * holding an empty string clears it.
 *
 * @param enabled     new enabled flag
 * @param name        new name
 * @param description new description
 */
public record ApiKeyChanges(Optional<Boolean> enabled, Optional<String> name, Optional<String> description) {

    /** No change. */
    public static ApiKeyChanges none() {
        return new ApiKeyChanges(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ApiKeyChanges withEnabled(boolean value) {
        return new ApiKeyChanges(Optional.of(value), name, description);
    }

    public ApiKeyChanges withName(String value) {
        return new ApiKeyChanges(enabled, Optional.of(value), description);
    }

    public ApiKeyChanges withDescription(String value) {
        return new ApiKeyChanges(enabled, name, Optional.of(value));
    }
}
