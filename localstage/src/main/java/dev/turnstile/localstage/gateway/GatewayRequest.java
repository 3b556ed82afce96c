package dev.turnstile.localstage.gateway;

import java.util.Objects;

/**
 * One request to the execute-api face, free of any HTTP server type so the pipeline can be called in-process.
 *
 * @param httpMethod   the verb as sent, e.g. {@code POST}
 * @param rawPath      the raw (percent-encoded) path including the stage, e.g. {@code /Prod/items}
 * @param rawQuery     the raw query string without {@code ?}, or null when absent
 * @param headers      the request headers in order, names as sent
 * @param body         the body bytes (empty when none)
 * @param sourceIp     the client address
 * @param protocol     e.g. {@code HTTP/1.1}
 * @param bodyTooLarge true when the HTTP adapter stopped reading a body over the 10 MB limit ({@code body} is then empty)
 */
public record GatewayRequest(
        String httpMethod,
        String rawPath,
        String rawQuery,
        Headers headers,
        byte[] body,
        String sourceIp,
        String protocol,
        boolean bodyTooLarge) {

    private static final byte[] NO_BODY = new byte[0];

    public GatewayRequest {
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? NO_BODY : body;
        sourceIp = sourceIp == null ? "127.0.0.1" : sourceIp;
        protocol = protocol == null ? "HTTP/1.1" : protocol;
    }

    /** A request whose body was read completely. */
    public GatewayRequest(String httpMethod, String rawPath, String rawQuery, Headers headers, byte[] body,
                          String sourceIp, String protocol) {
        this(httpMethod, rawPath, rawQuery, headers, body, sourceIp, protocol, false);
    }
}
