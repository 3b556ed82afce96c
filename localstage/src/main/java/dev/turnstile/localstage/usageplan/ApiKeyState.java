package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.model.ApiKeyConfig;
import java.time.Instant;

/** The run-time state of one API key; fields are volatile so a change takes effect on the next request. */
final class ApiKeyState {

    final ApiKeyConfig config;
    volatile boolean enabled;
    volatile String name;
    volatile String description;
    volatile long createdMillis;
    volatile long lastUpdatedMillis;

    ApiKeyState(ApiKeyConfig config, long nowMillis) {
        this.config = config;
        this.enabled = config.enabled();
        this.name = config.name();
        this.createdMillis = nowMillis;
        this.lastUpdatedMillis = nowMillis;
    }

    synchronized ApiKeyView view() {
        return new ApiKeyView(config.id(), name, description, config.value(), enabled,
                Instant.ofEpochMilli(createdMillis), Instant.ofEpochMilli(lastUpdatedMillis));
    }

    synchronized void apply(ApiKeyChanges changes, long nowMillis) {
        changes.enabled().ifPresent(v -> enabled = v);
        changes.name().ifPresent(v -> name = v);
        changes.description().ifPresent(v -> description = v.isEmpty() ? null : v);
        lastUpdatedMillis = nowMillis;
    }
}
