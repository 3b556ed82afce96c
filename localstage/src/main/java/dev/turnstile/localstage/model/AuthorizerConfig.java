package dev.turnstile.localstage.model;

import java.util.List;

/**
 * A Lambda authorizer of the API (SAM {@code Auth.Authorizers.<name>}).
 *
 * @param name                 the SAM authorizer name, e.g. {@code TokenAuthorizer}
 * @param id                   the authorizer id (6 lowercase alphanumerics, stable)
 * @param type                 TOKEN or REQUEST
 * @param functionLogicalId    logical id of the authorizer function
 * @param identitySources      identity sources in AWS order (headers, query strings, stage variables, context)
 * @param validationExpression TOKEN only: regex the whole token must match, or null
 * @param ttlSeconds           {@code authorizerResultTtlInSeconds} ({@code ReauthorizeEvery}); 0 disables caching
 */
public record AuthorizerConfig(
        String name,
        String id,
        Type type,
        String functionLogicalId,
        List<IdentitySource> identitySources,
        String validationExpression,
        int ttlSeconds) {

    /** Lambda authorizer payload type. */
    public enum Type { TOKEN, REQUEST }

    /**
     * One identity source, e.g. {@code method.request.header.authorizationToken}.
     *
     * @param kind where the value comes from
     * @param name header name, query-string name, stage-variable name or context variable name
     */
    public record IdentitySource(Kind kind, String name) {
        /** The {@code context.*} variables the local stage can read as identity sources (checked by the template reader). */
        public static final List<String> CONTEXT_VARIABLES = List.of("requestId", "httpMethod", "resourcePath",
                "resourceId", "stage", "apiId", "identity.sourceIp", "identity.userAgent", "path");

        /** The part of the request an identity value is read from. */
        public enum Kind { HEADER, QUERY_STRING, STAGE_VARIABLE, CONTEXT }

        /** The AWS expression, e.g. {@code method.request.querystring.tenant}. */
        public String expression() {
            return switch (kind) {
                case HEADER -> "method.request.header." + name;
                case QUERY_STRING -> "method.request.querystring." + name;
                case STAGE_VARIABLE -> "stageVariables." + name;
                case CONTEXT -> "context." + name;
            };
        }
    }
}
