package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The method response passes the function's status, headers and body through. */
class MethodResponseStepTest {

    @Test
    void passThrough() {
        Fixture f = new Fixture();
        f.invoker.answer("Writer", e -> Doubles.success("{\"statusCode\":202,\"headers\":{\"X-Custom\":\"v\"},"
                + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":\"héllo\"}"));
        GatewayResponse r = f.send("GET", "/Prod/items/1");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.bodyText()).isEqualTo("héllo");
        assertThat(r.header("X-Custom")).isEqualTo("v");
        assertThat(r.header("Set-Cookie")).isEqualTo("a=1, b=2");
        assertThat(r.headers().fields().get(0)).isEqualTo(new Headers.Field("Set-Cookie", "a=1, b=2"));
    }
}
