package dev.turnstile.localstage.gateway;

/**
 * API Gateway's gateway response types
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)
 * with their default status, the
 * {@code x-amzn-ErrorType} they send and how their default body is written.
 */
public enum GatewayResponseType {
    ACCESS_DENIED(403, "AccessDeniedException", BodyStyle.CAPITAL_MESSAGE),
    API_CONFIGURATION_ERROR(500, "InternalServerErrorException", BodyStyle.COMPACT),
    AUTHORIZER_CONFIGURATION_ERROR(500, "AuthorizerConfigurationException", BodyStyle.COMPACT),
    AUTHORIZER_FAILURE(500, "AuthorizerFailureException", BodyStyle.COMPACT),
    BAD_REQUEST_PARAMETERS(400, "BadRequestException", BodyStyle.COMPACT),
    BAD_REQUEST_BODY(400, "BadRequestException", BodyStyle.COMPACT),
    EXPIRED_TOKEN(403, "ExpiredTokenException", BodyStyle.COMPACT),
    /** Lambda proxy failures; the observed status (502 or 500) travels with the exception. */
    INTEGRATION_FAILURE(504, "InternalServerErrorException", BodyStyle.SPACED),
    INTEGRATION_TIMEOUT(504, "InternalServerErrorException", BodyStyle.SPACED),
    INVALID_API_KEY(403, "ForbiddenException", BodyStyle.COMPACT),
    INVALID_SIGNATURE(403, "InvalidSignatureException", BodyStyle.COMPACT),
    MISSING_AUTHENTICATION_TOKEN(403, "MissingAuthenticationTokenException", BodyStyle.COMPACT),
    QUOTA_EXCEEDED(429, "LimitExceededException", BodyStyle.COMPACT),
    REQUEST_TOO_LARGE(413, "RequestTooLargeException", BodyStyle.COMPACT),
    RESOURCE_NOT_FOUND(404, "NotFoundException", BodyStyle.COMPACT),
    THROTTLED(429, "TooManyRequestsException", BodyStyle.COMPACT),
    UNAUTHORIZED(401, "UnauthorizedException", BodyStyle.COMPACT),
    UNSUPPORTED_MEDIA_TYPE(415, "BadRequestException", BodyStyle.COMPACT),
    WAF_FILTERED(403, "ForbiddenException", BodyStyle.COMPACT);

    /** How the uncustomised body is written: the three shapes deployed stages answer with (AWS documents none of them). */
    public enum BodyStyle {
        /** {@code {"message":"…"}} or {@code {"message":null}} — the default template. */
        COMPACT,
        /** {@code {"message": "…"}} — integration-phase errors carry a space after the colon. */
        SPACED,
        /** {@code {"Message":"…"}} — the default ACCESS_DENIED quirk. */
        CAPITAL_MESSAGE
    }

    private final int defaultStatus;
    private final String errorType;
    private final BodyStyle bodyStyle;

    GatewayResponseType(int defaultStatus, String errorType, BodyStyle bodyStyle) {
        this.defaultStatus = defaultStatus;
        this.errorType = errorType;
        this.bodyStyle = bodyStyle;
    }

    public int defaultStatus() {
        return defaultStatus;
    }

    /** The {@code x-amzn-ErrorType} header value. */
    public String errorType() {
        return errorType;
    }

    public BodyStyle bodyStyle() {
        return bodyStyle;
    }
}
