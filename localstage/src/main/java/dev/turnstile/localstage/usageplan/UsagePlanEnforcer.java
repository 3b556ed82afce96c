package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.model.Route;

/**
 * The usage-plan step of the pipeline: API key validation, throttles (usage-plan method, usage-plan key,
 * stage method, account) and quota, in that order (the order is a local choice: docs/aws-behaviour.md §12). Thread-safe; reads the
 * stage clock.
 */
public interface UsagePlanEnforcer {

    /**
     * Decides one request that passed routing and authorization. A request that is admitted consumes one
     * token of every bucket that applies and one unit of quota; a rejected one consumes nothing further.
     *
     * @param route       the matched method
     * @param apiKeyValue the key value from {@code x-api-key} or the authorizer's {@code usageIdentifierKey}; null when absent
     */
    UsageDecision check(Route route, String apiKeyValue);
}
