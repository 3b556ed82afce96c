package dev.turnstile.localstage.gateway;

import java.util.List;
import java.util.Objects;

/**
 * The gateway's phases in the order API Gateway runs them, declared once where the gateway is built.
 *
 * @param requestSteps  run in order until one throws {@link GatewayException} (parse → route → authorizer → usage plan
 *                      → integration → method response)
 * @param errorRenderer turns the gateway error that stopped the request steps into its response
 * @param responseSteps run on every response, gateway errors included (response headers); they do not throw
 * @param finalizers    run once the response is complete, for requests on this stage only (execution log, access
 *                      log, metrics)
 */
public record GatewayPipeline(List<GatewayStep> requestSteps, GatewayResponseRenderer errorRenderer,
                              List<GatewayStep> responseSteps, List<GatewayStep> finalizers) {

    public GatewayPipeline {
        requestSteps = List.copyOf(requestSteps);
        Objects.requireNonNull(errorRenderer, "errorRenderer");
        responseSteps = List.copyOf(responseSteps);
        finalizers = List.copyOf(finalizers);
    }
}
