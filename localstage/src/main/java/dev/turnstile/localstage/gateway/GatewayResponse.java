package dev.turnstile.localstage.gateway;

import java.nio.charset.StandardCharsets;

/**
 * The response the execute-api face sends: status, ordered headers (names as API Gateway or the function
 * wrote them) and body bytes.
 */
public record GatewayResponse(int status, Headers headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        return headers.first(name);
    }
}
