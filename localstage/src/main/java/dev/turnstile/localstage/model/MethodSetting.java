package dev.turnstile.localstage.model;

/**
 * One stage method setting ({@code MethodSettings} item).
 *
 * @param resourcePath         {@code /*} or a resource path such as {@code /items}
 * @param httpMethod           {@code *} or a verb
 * @param loggingLevel         OFF, ERROR or INFO (execution logging)
 * @param metricsEnabled       detailed CloudWatch metrics: the method-level AWS/ApiGateway metrics (docs/aws-behaviour.md §8.4)
 * @param dataTraceEnabled     full request/response data in execution logs
 * @param throttlingRateLimit  stage method throttle rate, or null when unset
 * @param throttlingBurstLimit stage method throttle burst, or null when unset
 */
public record MethodSetting(
        String resourcePath,
        String httpMethod,
        String loggingLevel,
        boolean metricsEnabled,
        boolean dataTraceEnabled,
        Double throttlingRateLimit,
        Integer throttlingBurstLimit) { }
