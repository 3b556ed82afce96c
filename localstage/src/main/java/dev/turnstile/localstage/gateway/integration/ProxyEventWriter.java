package dev.turnstile.localstage.gateway.integration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.turnstile.localstage.gateway.AuthorizerOutcome;
import dev.turnstile.localstage.gateway.GatewayOptions;
import dev.turnstile.localstage.gateway.Headers;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;
import dev.turnstile.localstage.model.StageModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the events API Gateway sends to Lambda: the proxy integration event (payload format 1.0,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html)
 * and the TOKEN / REQUEST authorizer events
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html).
 * Streams JSON directly; absent parts
 * are {@code null} as AWS writes them.
 */
public final class ProxyEventWriter {

    private final JsonFactory json;
    private final StageModel model;
    private final GatewayOptions options;

    public ProxyEventWriter(JsonFactory json, StageModel model, GatewayOptions options) {
        this.json = json;
        this.model = model;
        this.options = options;
    }

    /** The TOKEN authorizer event. */
    public byte[] tokenAuthorizerEvent(String token, String methodArn) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "TOKEN");
            g.writeStringField("authorizationToken", token);
            g.writeStringField("methodArn", methodArn);
            g.writeEndObject();
        });
    }

    /** The REQUEST authorizer event: the request's parts plus a requestContext without authorizer data. */
    public byte[] requestAuthorizerEvent(InvocationContext ctx, String methodArn) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "REQUEST");
            g.writeStringField("methodArn", methodArn);
            writeRequestParts(g, ctx, ctx.request().headers());
            writeRequestContext(g, ctx, false);
            g.writeEndObject();
        });
    }

    /** The Lambda proxy integration event, carrying the integration's X-Ray trace id. */
    public byte[] proxyEvent(InvocationContext ctx, String traceId) {
        Headers headers = ctx.request().headers();
        if (!headers.contains("X-Amzn-Trace-Id")) {
            // API Gateway adds its trace header to what the function sees
            Headers copy = Headers.create();
            for (Headers.Field f : headers.fields()) {
                copy.add(f.name(), f.value());
            }
            headers = copy.add("X-Amzn-Trace-Id", traceId);
        }
        Headers eventHeaders = headers;
        return write(g -> {
            g.writeStartObject();
            writeRequestParts(g, ctx, eventHeaders);
            writeRequestContext(g, ctx, true);
            writeBody(g, ctx.request().body());
            g.writeEndObject();
        });
    }

    private void writeRequestParts(JsonGenerator g, InvocationContext ctx, Headers headers) throws IOException {
        g.writeStringField("resource", ctx.route().resourcePath());
        g.writeStringField("path", ctx.path());
        g.writeStringField("httpMethod", ctx.request().httpMethod());
        writeHeaders(g, headers);
        writeQuery(g, ctx);
        writeStringMap(g, "pathParameters", ctx.pathParameters());
        writeStringMap(g, "stageVariables", model.stageVariables());
    }

    private static void writeHeaders(JsonGenerator g, Headers headers) throws IOException {
        if (headers.isEmpty()) {
            g.writeNullField("headers");
            g.writeNullField("multiValueHeaders");
            return;
        }
        // group case-insensitively under the first-seen spelling; single-value map keeps the last value
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Headers.Field f : headers.fields()) {
            String key = f.name().toLowerCase(java.util.Locale.ROOT);
            names.putIfAbsent(key, f.name());
            values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(f.value());
        }
        g.writeObjectFieldStart("headers");
        for (var e : values.entrySet()) {
            g.writeStringField(names.get(e.getKey()), e.getValue().get(e.getValue().size() - 1));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("multiValueHeaders");
        for (var e : values.entrySet()) {
            g.writeArrayFieldStart(names.get(e.getKey()));
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeQuery(JsonGenerator g, InvocationContext ctx) throws IOException {
        var query = ctx.queryParameters();
        if (query.isEmpty()) {
            g.writeNullField("queryStringParameters");
            g.writeNullField("multiValueQueryStringParameters");
            return;
        }
        g.writeObjectFieldStart("queryStringParameters");
        for (var e : query.all().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().get(e.getValue().size() - 1));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("multiValueQueryStringParameters");
        for (var e : query.all().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeStringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        if (map == null || map.isEmpty()) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        for (var e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private void writeRequestContext(JsonGenerator g, InvocationContext ctx, boolean withAuthorizer) throws IOException {
        String domainName = domainName(ctx);
        g.writeObjectFieldStart("requestContext");
        g.writeStringField("accountId", model.accountId());
        g.writeStringField("apiId", model.restApiId());
        AuthorizerOutcome authorizer = ctx.authorizer();
        AuthorizerResult auth = authorizer == null ? null : authorizer.result();
        if (withAuthorizer && auth != null) {
            g.writeObjectFieldStart("authorizer");
            for (var e : auth.context().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            if (auth.principalId() != null) {
                g.writeStringField("principalId", auth.principalId());
            } else {
                g.writeNullField("principalId");
            }
            g.writeNumberField("integrationLatency", authorizer.latencyMillis() == null ? 0 : authorizer.latencyMillis());
            g.writeEndObject();
        }
        g.writeStringField("deploymentId", options.deploymentId());
        g.writeStringField("domainName", domainName);
        g.writeStringField("domainPrefix", domainPrefix(domainName));
        g.writeStringField("extendedRequestId", ctx.extendedRequestId());
        g.writeStringField("httpMethod", ctx.request().httpMethod());
        g.writeObjectFieldStart("identity");
        g.writeNullField("accessKey");
        g.writeNullField("accountId");
        String apiKey = ctx.identityApiKey();
        if (apiKey != null) {
            g.writeStringField("apiKey", apiKey);
            writeNullable(g, "apiKeyId", ctx.apiKeyId());
        }
        g.writeNullField("caller");
        g.writeNullField("cognitoAuthenticationProvider");
        g.writeNullField("cognitoAuthenticationType");
        g.writeNullField("cognitoIdentityId");
        g.writeNullField("cognitoIdentityPoolId");
        g.writeNullField("principalOrgId");
        g.writeStringField("sourceIp", ctx.request().sourceIp());
        g.writeNullField("user");
        writeNullable(g, "userAgent", ctx.request().headers().first("User-Agent"));
        g.writeNullField("userArn");
        g.writeEndObject();
        g.writeStringField("path", ctx.stagePath());
        g.writeStringField("protocol", ctx.request().protocol());
        g.writeStringField("requestId", ctx.requestId());
        g.writeStringField("requestTime", ctx.requestTime());
        g.writeNumberField("requestTimeEpoch", ctx.requestTimeEpoch());
        g.writeStringField("resourceId", ctx.route().resourceId());
        g.writeStringField("resourcePath", ctx.route().resourcePath());
        g.writeStringField("stage", model.stageName());
        g.writeEndObject();
    }

    /** {@code $context.domainName}: the Host header without port, else the configured default. */
    public String domainName(InvocationContext ctx) {
        String host = ctx.request().headers().first("Host");
        if (host == null || host.isEmpty()) {
            return options.defaultDomainName();
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }

    /** {@code $context.domainPrefix}: the first label of the domain name. */
    public static String domainPrefix(String domainName) {
        int dot = domainName.indexOf('.');
        return dot < 0 ? domainName : domainName.substring(0, dot);
    }

    private static void writeBody(JsonGenerator g, byte[] body) throws IOException {
        if (body.length == 0) {
            g.writeNullField("body");
            g.writeBooleanField("isBase64Encoded", false);
            return;
        }
        String text = utf8OrNull(body);
        if (text != null) {
            g.writeStringField("body", text);
            g.writeBooleanField("isBase64Encoded", false);
        } else {
            g.writeStringField("body", Base64.getEncoder().encodeToString(body));
            g.writeBooleanField("isBase64Encoded", true);
        }
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null; // not UTF-8: the event carries it base64-encoded instead
        }
    }

    private static void writeNullable(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = json.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a Lambda event failed", e);
        }
        return out.toByteArray();
    }
}
