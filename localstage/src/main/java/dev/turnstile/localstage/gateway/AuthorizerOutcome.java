package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;

/**
 * What the Lambda authorizer step decided for a request ({@code $context.authorizer.*}). Written once by that
 * step, on every way out of it; absent when the method has no authorizer.
 *
 * @param result        the authorizer's validated output (fresh or from the cache), or null when there is none
 *                      (identity rejected, function failed or returned malformed output)
 * @param latencyMillis time spent on the authorizer on the stage clock (0 on a cache hit), or null when it was not
 *                      consulted (identity rejected before invoking)
 * @param status        200, 401, 403 or 500
 * @param error         {@code $context.authorizer.error}, or null when it allowed the request
 * @param invoked       whether the function was invoked for this request (false on a cache hit)
 */
public record AuthorizerOutcome(AuthorizerResult result, Long latencyMillis, int status, String error, boolean invoked) { }
