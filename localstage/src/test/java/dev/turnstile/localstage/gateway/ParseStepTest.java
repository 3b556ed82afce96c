package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.gateway.logging.ExecutionLog;
import dev.turnstile.localstage.gateway.steps.ParseStep;
import org.junit.jupiter.api.Test;

/** The first step: the 10 MB payload limit, before routing. */
class ParseStepTest {

    private static InvocationContext ctx(byte[] body, boolean tooLarge) {
        return new InvocationContext(new GatewayRequest("POST", "/Prod/nowhere", null, Headers.create(), body, null, null, tooLarge),
                0, new ExecutionLog(ExecutionLog.Level.OFF));
    }

    @Test
    void bodyAtTheLimitPassesAndOneByteMoreIsRefused() {
        ParseStep step = new ParseStep(8);
        step.apply(ctx(new byte[8], false));
        GatewayException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayException.class,
                () -> step.apply(ctx(new byte[9], false)));
        assertThat(e.type()).isEqualTo(GatewayResponseType.REQUEST_TOO_LARGE);
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.errorMessage()).isEqualTo("Request Too Large");
    }

    @Test
    void adapterFlagIsHonouredBeforeRouting() {
        Fixture f = new Fixture();
        GatewayResponse r = f.gateway().handle(new GatewayRequest("POST", "/Prod/nowhere", null, Headers.create(), null,
                null, null, true));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo("RequestTooLargeException");
    }
}
