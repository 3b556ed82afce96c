package dev.turnstile.localstage.gateway;

/**
 * One step of the gateway's {@link GatewayPipeline}: reads the outcomes of earlier steps from the
 * {@link InvocationContext} and writes its own, once. A request step throws {@link GatewayException} to stop the
 * request steps; response steps and finalizers run on every response and do not throw.
 */
@FunctionalInterface
public interface GatewayStep {

    void apply(InvocationContext context);
}
