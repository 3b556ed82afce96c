package dev.turnstile.localstage.model;

import java.util.Map;

/**
 * A customised gateway response ({@code GatewayResponses} in SAM, {@code AWS::ApiGateway::GatewayResponse}).
 *
 * @param responseType       e.g. {@code UNAUTHORIZED}, {@code DEFAULT_4XX}
 * @param statusCode         status override, or null to keep the type's default
 * @param responseTemplates  templates by content type (only {@code application/json} is used)
 * @param responseParameters header mappings {@code gatewayresponse.header.X} → {@code 'static'} or {@code method.request.…}
 */
public record GatewayResponseConfig(
        String responseType,
        Integer statusCode,
        Map<String, String> responseTemplates,
        Map<String, String> responseParameters) { }
