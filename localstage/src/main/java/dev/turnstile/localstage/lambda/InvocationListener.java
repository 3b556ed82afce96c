package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.model.FunctionConfig;
import java.util.concurrent.CompletableFuture;

/**
 * Hears of every invocation the Lambda service runs — from the gateway, the Invoke API or the asynchronous queue —
 * as it is handed to the function's pool, with the future that completes with its outcome (already complete for a
 * throttled one). The service's Lambda metrics listen here.
 */
@FunctionalInterface
public interface InvocationListener {

    void invoked(FunctionConfig function, CompletableFuture<InvocationResult> result);
}
