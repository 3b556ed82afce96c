package dev.turnstile.localstage.model;

/**
 * One method of the REST API: a resource path and an HTTP verb, integrated with a Lambda function
 * through the Lambda proxy integration (payload format 1.0).
 *
 * @param httpMethod               verb in upper case, or {@code ANY}
 * @param resourcePath             resource path template, e.g. {@code /items}, {@code /pets/{petId}}, {@code /{proxy+}}
 * @param resourceId               the resource id (6 lowercase alphanumerics, stable per path)
 * @param authorizerName           name of the Lambda authorizer, or null for none ({@code NONE})
 * @param apiKeyRequired           whether the method requires an API key
 * @param functionLogicalId        logical id of the integrated function
 * @param integrationTimeoutMillis the integration timeout (default 29,000)
 */
public record Route(
        String httpMethod,
        String resourcePath,
        String resourceId,
        String authorizerName,
        boolean apiKeyRequired,
        String functionLogicalId,
        int integrationTimeoutMillis) {

    /** Default integration timeout of API Gateway (29 s). */
    public static final int DEFAULT_INTEGRATION_TIMEOUT_MILLIS = 29_000;

    /** The usage-plan method-throttle key, e.g. {@code /items/POST}. */
    public String throttleKey() {
        return resourcePath + "/" + httpMethod;
    }
}
