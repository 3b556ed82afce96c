package dev.turnstile.localstage.gateway;

/**
 * One step of the request pipeline: reads and writes its own part of the {@link InvocationContext} and
 * throws {@link GatewayException} to stop the chain.
 */
@FunctionalInterface
public interface GatewayStep {

    void apply(InvocationContext context);
}
