package dev.turnstile.conformance.metrics;

import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * The {@code ApiName} dimension of a stage's {@code AWS/ApiGateway} metrics: the RestApi's name as {@code GetRestApis}
 * reports it — the stage profile knows only the id — without its non-ASCII characters, or the id when none are left,
 * as API Gateway publishes it (docs/aws-behaviour.md §8.4).
 */
public final class StageApiName {

    private StageApiName() {
    }

    /** Looks the name up; a RestApi the account does not have is an error naming the id. */
    public static String of(ApiGatewayClient apiGateway, String restApiId) {
        String name = apiGateway.getRestApisPaginator(r -> r.limit(500)).items().stream()
                .filter(a -> restApiId.equals(a.id())).map(RestApi::name).findFirst()
                .orElseThrow(() -> new IllegalStateException("GetRestApis has no RestApi " + restApiId
                        + ": cannot name the ApiName dimension of its metrics"));
        String ascii = name == null ? "" : name.replaceAll("[^\\x00-\\x7F]", "");
        return ascii.isEmpty() ? restApiId : ascii;
    }
}
