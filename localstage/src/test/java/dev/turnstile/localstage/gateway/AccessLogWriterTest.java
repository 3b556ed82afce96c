package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Access-log lines ({@code $context} variables as AWS lists them): exact lines, unset as '-', longest variable wins, masking. */
class AccessLogWriterTest {

    private static final String RID = "11111111-2222-4333-8444-555555555555";
    private final Fixture f = new Fixture();

    @Test
    void exactLineForA201() {
        f.invoker.answer("Writer", e -> {
            f.clock.advance(Duration.ofMillis(40));
            return Doubles.success("{\"statusCode\":201,\"body\":\"{\\\"ok\\\":true}\"}");
        });
        f.sendBody("POST", "/Prod/items", "{}", "Authorization", "allow", "x-api-key", Fixture.KEY, "x-amzn-RequestId", RID);
        assertThat(f.accessLines()).containsExactly("{\"requestId\":\"" + RID + "\",\"ip\":\"203.0.113.9\","
                + "\"requestTime\":\"25/Nov/2026:10:00:00 +0000\",\"httpMethod\":\"POST\",\"resourcePath\":\"/items\","
                + "\"status\":\"201\",\"protocol\":\"HTTP/1.1\",\"responseLength\":\"11\",\"integrationLatency\":\"40\","
                + "\"errorMessage\":\"-\",\"apiKey\":\"**********1234\",\"apiKeyId\":\"keyid12345\",\"principal\":\"user-1\","
                + "\"tier\":\"gold\"}");
    }

    @Test
    void exactLineForAMissingToken401() {
        f.send("POST", "/Prod/items", "x-api-key", Fixture.KEY, "x-amzn-RequestId", RID);
        assertThat(f.accessLines()).containsExactly("{\"requestId\":\"" + RID + "\",\"ip\":\"203.0.113.9\","
                + "\"requestTime\":\"25/Nov/2026:10:00:00 +0000\",\"httpMethod\":\"POST\",\"resourcePath\":\"/items\","
                + "\"status\":\"401\",\"protocol\":\"HTTP/1.1\",\"responseLength\":\"26\",\"integrationLatency\":\"-\","
                + "\"errorMessage\":\"Unauthorized\",\"apiKey\":\"-\",\"apiKeyId\":\"-\",\"principal\":\"-\",\"tier\":\"-\"}");
    }

    @Test
    void longestVariableNameWinsAndTextAfterAVariableIsKept() {
        f.accessFormat = "$context.requestId $context.integrationLatency/$context.integration.latency/"
                + "$context.integrationStatus/$context.integration.status/$context.status. $context.path;"
                + "$context.error.messageString $context.error.responseType $context.extendedRequestId";
        f.invoker.answer("Writer", e -> {
            f.clock.advance(Duration.ofMillis(7));
            return Doubles.success("{\"statusCode\":404}");
        });
        GatewayResponse r = f.send("GET", "/Prod/items/9", "x-amzn-RequestId", RID);
        assertThat(f.accessLines()).containsExactly(RID + " 7/7/200/404/404. /Prod/items/9;- - " + r.header("x-amz-apigw-id"));
        f.send("GET", "/Prod/zzz", "x-amzn-RequestId", RID);
        assertThat(f.accessLines().get(1)).isEqualTo(RID + " -/-/-/-/403. /Prod/zzz;\"Missing Authentication Token\" "
                + "MISSING_AUTHENTICATION_TOKEN " + f.accessLines().get(1).substring(f.accessLines().get(1).lastIndexOf(' ') + 1));
    }

    @Test
    void oneStreamOf32HexPerGatewayAndTheGroupIsCreatedWithItsRetention() {
        f.gateway();
        assertThat(f.logs.groups).containsEntry(Fixture.ACCESS_GROUP, 30);
        assertThat(f.logs.streams).anySatisfy(s -> assertThat(s).matches(Fixture.ACCESS_GROUP + ":[0-9a-f]{32}"));
        assertThat(f.gateway().accessLog().logStream()).matches("[0-9a-f]{32}");
    }

    @Test
    void unknownVariablesAreRefused() {
        // formats without $context.requestId are the template reader's to refuse (TemplateRefusalTest)
        f.accessFormat = "$context.requestId $context.nope";
        assertThatThrownBy(f::gateway).hasMessageContaining("unknown variable '$context.nope'");
    }
}
