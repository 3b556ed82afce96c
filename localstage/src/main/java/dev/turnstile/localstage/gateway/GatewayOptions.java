package dev.turnstile.localstage.gateway;

/**
 * Settings of the data plane that are not in the template.
 *
 * @param maxBodyBytes          request bodies above this are refused with 413 (API Gateway: 10 MB)
 * @param deploymentId          {@code requestContext.deploymentId} / {@code $context.deploymentId}
 * @param defaultDomainName     {@code domainName} when the request has no {@code Host} header
 * @param authorizerGraceMillis how long past the authorizer function's own timeout the gateway waits for the
 *                              invoker before giving up with 500 (the invoker normally reports TIMEOUT itself)
 */
public record GatewayOptions(long maxBodyBytes, String deploymentId, String defaultDomainName, long authorizerGraceMillis) {

    /** API Gateway's payload limit: 10 MB. */
    public static final long TEN_MB = 10L * 1024 * 1024;

    public GatewayOptions {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (deploymentId == null || deploymentId.isBlank()) {
            throw new IllegalArgumentException("deploymentId is required");
        }
        if (defaultDomainName == null || defaultDomainName.isBlank()) {
            throw new IllegalArgumentException("defaultDomainName is required");
        }
        if (authorizerGraceMillis < 0) {
            throw new IllegalArgumentException("authorizerGraceMillis must not be negative, got " + authorizerGraceMillis);
        }
    }

    /** Defaults: 10 MB, the given deployment id, {@code 127.0.0.1}, 2 s grace. */
    public static GatewayOptions defaults(String deploymentId) {
        return new GatewayOptions(TEN_MB, deploymentId, "127.0.0.1", 2_000);
    }
}
