package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.model.ApiKeyConfig;
import java.time.Instant;

/**
 * An API key as the usage API reports it: template identity plus run-time state (enabled, name, description).
 *
 * @param id              key id
 * @param name            current name
 * @param description     current description, or null
 * @param value           the secret value; never log it unmasked
 * @param enabled         whether requests with the key are accepted
 * @param createdDate     when the key first existed in this data directory
 * @param lastUpdatedDate last change through the usage API (or the creation date)
 */
public record ApiKeyView(String id, String name, String description, String value, boolean enabled,
                         Instant createdDate, Instant lastUpdatedDate) {

    @Override
    public String toString() {
        return "ApiKeyView[id=" + id + ", name=" + name + ", description=" + description + ", value="
                + ApiKeyConfig.mask(value) + ", enabled=" + enabled + ", createdDate=" + createdDate
                + ", lastUpdatedDate=" + lastUpdatedDate + "]";
    }
}
