package dev.turnstile.localstage.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * Invokes a function of the stage synchronously ({@code RequestResponse}), the way API Gateway calls
 * Lambda for authorizers and proxy integrations. Implemented by the execution-environment pool; the
 * gateway depends only on this interface so it can be tested in-process.
 */
public interface LambdaInvoker {

    /**
     * Starts one invocation. The future completes when the function answered, failed, timed out
     * (its own {@code Timeout}; the environment is then killed), was throttled, or crashed — never
     * exceptionally for those outcomes. A caller that stops waiting (integration timeout) just
     * abandons the future.
     *
     * @param functionLogicalIdOrName logical id or function name
     * @param payload                 the event, UTF-8 JSON
     * @param traceHeader             the caller's X-Ray trace header ({@code Root=…;Parent=…;Sampled=…}), passed to
     *                                the function as Lambda passes it ({@code Lambda-Runtime-Trace-Id}); null for a
     *                                fresh trace
     */
    CompletableFuture<InvocationResult> invoke(String functionLogicalIdOrName, byte[] payload, String traceHeader);

    /** Starts one invocation without a caller's trace (Lambda starts a fresh one). */
    default CompletableFuture<InvocationResult> invoke(String functionLogicalIdOrName, byte[] payload) {
        return invoke(functionLogicalIdOrName, payload, null);
    }
}
