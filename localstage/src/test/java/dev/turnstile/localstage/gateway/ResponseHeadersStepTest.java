package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Headers on every response, errors included. */
class ResponseHeadersStepTest {

    private final Fixture f = new Fixture();

    @Test
    void successCarriesIdsAndTraceButNoErrorType() {
        GatewayResponse r = f.postItem();
        assertThat(r.status()).isEqualTo(201);
        assertThat(RequestIds.isUuid(r.header("x-amzn-RequestId"))).isTrue();
        assertThat(r.header("x-amz-apigw-id")).matches("[A-Za-z0-9+/]{15}=");
        assertThat(r.header("X-Amzn-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(r.header("x-amzn-ErrorType")).isNull();
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void gatewayErrorsCarryIdsAndErrorTypeButNoTrace() {
        GatewayResponse r = f.send("GET", "/Prod/none");
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(r.header("x-amz-apigw-id")).isNotNull();
        assertThat(r.header("X-Amzn-Trace-Id")).isNull();
    }

    @Test
    void idsAreFreshPerRequest() {
        Set<String> ids = new HashSet<>();
        Set<String> ext = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            GatewayResponse r = f.send("GET", "/Prod/none");
            ids.add(r.header("x-amzn-RequestId"));
            ext.add(r.header("x-amz-apigw-id"));
        }
        assertThat(ids).hasSize(200);
        assertThat(ext).hasSize(200);
    }
}
