package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.model.GatewayResponseConfig;
import dev.turnstile.localstage.model.StageModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a {@link GatewayException} becomes an AWS gateway response (types and defaults:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html): the type's
 * default status, {@code x-amzn-ErrorType} and body, unless the stage customises the type or
 * DEFAULT_4XX/DEFAULT_5XX (status, {@code application/json} template, response headers).
 *
 * <p>Exactly one customisation applies, whole (docs/aws-behaviour.md §1.3): the type's own when the stage
 * customises the type — what it leaves out is the type's default, never DEFAULT_4XX's — else DEFAULT_4XX or
 * DEFAULT_5XX by the type's default status class, else none.
 */
public final class GatewayResponseRenderer {

    private static final String HEADER_PARAM = "gatewayresponse.header.";
    private static final String REQUEST_PARAM = "method.request.";

    /** A header mapping of a customised response: static {@code 'value'} or a request part. */
    private record HeaderMapping(String header, String staticValue, String requestSource, String requestName) {

        String value(InvocationContext ctx) {
            if (staticValue != null) {
                return staticValue;
            }
            return switch (requestSource) {
                case "header" -> ctx.request().headers().first(requestName);
                case "querystring" -> ctx.queryParameters().last(requestName);
                case "path" -> ctx.pathParameters() == null ? null : ctx.pathParameters().get(requestName);
                default -> throw new IllegalStateException(requestSource);
            };
        }
    }

    /** A customised response, compiled. */
    private record Custom(Integer status, ContextTemplate template, List<HeaderMapping> headers) { }

    private final Map<GatewayResponseType, Custom> customs = new EnumMap<>(GatewayResponseType.class);
    private final Custom default4xx;
    private final Custom default5xx;

    public GatewayResponseRenderer(StageModel model, ContextVariables variables) {
        Custom d4 = null;
        Custom d5 = null;
        for (Map.Entry<String, GatewayResponseConfig> e : model.gatewayResponses().entrySet()) {
            GatewayResponseConfig config = e.getValue();
            Custom custom = compile(config, variables);
            switch (e.getKey()) {
                case "DEFAULT_4XX" -> d4 = custom;
                case "DEFAULT_5XX" -> d5 = custom;
                default -> customs.put(GatewayResponseType.valueOf(e.getKey()), custom);
            }
        }
        this.default4xx = d4;
        this.default5xx = d5;
    }

    private static Custom compile(GatewayResponseConfig config, ContextVariables variables) {
        ContextTemplate template = null;
        Map<String, String> templates = config.responseTemplates();
        if (templates != null && templates.get("application/json") != null) {
            template = ContextTemplate.compile(templates.get("application/json"), variables);
        }
        List<HeaderMapping> headers = new ArrayList<>();
        if (config.responseParameters() != null) {
            for (Map.Entry<String, String> p : config.responseParameters().entrySet()) {
                headers.add(mapping(p.getKey(), p.getValue()));
            }
        }
        return new Custom(config.statusCode(), template, List.copyOf(headers));
    }

    /**
     * Compiles one {@code gatewayresponse.header.<Name>} mapping; the template reader checked its form
     * ({@code 'static'} or {@code method.request.{header|querystring|path}.<name>}).
     */
    private static HeaderMapping mapping(String key, String value) {
        String header = key.substring(HEADER_PARAM.length());
        if (value.startsWith("'")) {
            return new HeaderMapping(header, value.substring(1, value.length() - 1), null, null);
        }
        String[] sourceAndName = value.substring(REQUEST_PARAM.length()).split("\\.", 2);
        return new HeaderMapping(header, null, sourceAndName[0], sourceAndName[1]);
    }

    /** The response for the context's error. */
    public GatewayResponse render(InvocationContext ctx) {
        GatewayException error = ctx.error();
        GatewayResponseType type = error.type();
        Custom custom = customisation(type);
        int status = custom != null && custom.status != null ? custom.status : error.status();
        String body = custom != null && custom.template != null ? custom.template.render(ctx, "")
                : defaultBody(type, error.errorMessage());
        Headers headers = Headers.create().add("Content-Type", "application/json");
        if (custom != null) {
            addMappedHeaders(headers, custom, ctx);
        }
        return new GatewayResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The one customisation that applies to a type: its own, else DEFAULT_4XX/DEFAULT_5XX by the class of its
     * default status (so a 5XX status the stage gave a 4XX type does not move it to DEFAULT_5XX), else null.
     */
    private Custom customisation(GatewayResponseType type) {
        Custom own = customs.get(type);
        if (own != null) {
            return own;
        }
        return type.defaultStatus() >= 500 ? default5xx : default4xx;
    }

    private static void addMappedHeaders(Headers headers, Custom custom, InvocationContext ctx) {
        for (HeaderMapping m : custom.headers) {
            String value = m.value(ctx);
            if (value != null) {
                headers.set(m.header, value);
            }
        }
    }

    /** The uncustomised body: the default template in the shape each type was observed to use ({@link GatewayResponseType.BodyStyle}). */
    static String defaultBody(GatewayResponseType type, String message) {
        String quoted = ContextVariables.quoted(message);
        return switch (type.bodyStyle()) {
            case COMPACT -> "{\"message\":" + quoted + "}";
            case SPACED -> "{\"message\": " + quoted + "}";
            case CAPITAL_MESSAGE -> "{\"Message\":" + quoted + "}";
        };
    }
}
