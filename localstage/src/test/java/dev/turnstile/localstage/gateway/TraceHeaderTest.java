package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A caller's {@code X-Amzn-Trace-Id} is carried through (docs/aws-behaviour.md §5.4): the response keeps the caller's
 * Root (and Parent and Sampled when given, as AWS answered in LocalStack's validated {@code test_invocation_trace_id}),
 * the function is invoked with the same trace, and the event shows the header as the caller sent it.
 */
class TraceHeaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "Root=1-3152b799-8954dae64eda91bc9a23a7e8";
    private static final String FULL = ROOT + ";Parent=7fa8c0f79203be72;Sampled=1";
    /** 2026-11-25T10:00:00Z, the fixture's frozen clock, in hex seconds. */
    private static final String FIXTURE_EPOCH_HEX = Long.toHexString(1_795_600_800L);

    private final Fixture f = new Fixture();

    private String eventTraceHeader() throws Exception {
        JsonNode event = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(event.path("multiValueHeaders").path("X-Amzn-Trace-Id").size()).isEqualTo(1);
        return event.path("headers").path("X-Amzn-Trace-Id").asText();
    }

    private String invokedTrace() {
        return f.invoker.traces.get(f.invoker.traces.size() - 1);
    }

    @Test
    void aFullCallerTraceIsKeptAsSent() throws Exception {
        GatewayResponse r = f.send("GET", "/Prod/items/1", "X-Amzn-Trace-Id", FULL);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("X-Amzn-Trace-Id")).isEqualTo(FULL);
        assertThat(invokedTrace()).isEqualTo(FULL);
        assertThat(eventTraceHeader()).isEqualTo(FULL);
    }

    @Test
    void aRootOnlyTraceKeepsTheRootAndGetsAParentAndSampledZero() throws Exception {
        GatewayResponse r = f.send("GET", "/Prod/items/1", "x-amzn-trace-id", ROOT);

        assertThat(r.header("X-Amzn-Trace-Id")).matches(ROOT + ";Parent=[0-9a-f]{16};Sampled=0");
        assertThat(invokedTrace()).isEqualTo(r.header("X-Amzn-Trace-Id"));
        JsonNode event = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(event.path("headers").path("x-amzn-trace-id").asText()).isEqualTo(ROOT);
    }

    @Test
    void noCallerTraceGetsAFreshOneWhoseRootTheEventCarries() throws Exception {
        GatewayResponse r = f.send("GET", "/Prod/items/1");

        String trace = r.header("X-Amzn-Trace-Id");
        assertThat(trace).matches("Root=1-" + FIXTURE_EPOCH_HEX + "-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(invokedTrace()).isEqualTo(trace);
        assertThat(eventTraceHeader()).isEqualTo(trace.substring(0, trace.indexOf(';')));
    }

    @Test
    void aMalformedTraceIsReplacedButReachesTheEventAsSent() throws Exception {
        for (String malformed : new String[] {"garbage", "Root=1-xyz-abc;Parent=7fa8c0f79203be72;Sampled=1",
                "Parent=7fa8c0f79203be72;Sampled=1", "Root=2-3152b799-8954dae64eda91bc9a23a7e8"}) {
            GatewayResponse r = f.send("GET", "/Prod/items/1", "X-Amzn-Trace-Id", malformed);

            assertThat(r.header("X-Amzn-Trace-Id")).as(malformed)
                    .matches("Root=1-" + FIXTURE_EPOCH_HEX + "-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
            assertThat(invokedTrace()).isEqualTo(r.header("X-Amzn-Trace-Id"));
            assertThat(eventTraceHeader()).isEqualTo(malformed);
        }
    }

    @Test
    void malformedParentOrSampledAreReplacedAndTheRootKept() {
        GatewayResponse r = f.send("GET", "/Prod/items/1", "X-Amzn-Trace-Id", ROOT + ";Parent=zz;Sampled=yes;Lineage=a:1");

        assertThat(r.header("X-Amzn-Trace-Id")).matches(ROOT + ";Parent=[0-9a-f]{16};Sampled=0");
    }

    @Test
    void gatewayErrorsBeforeTheIntegrationCarryNoTrace() {
        GatewayResponse r = f.send("GET", "/Prod/nothing", "X-Amzn-Trace-Id", FULL);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("X-Amzn-Trace-Id")).isNull();
    }

    @Test
    void headerValueIsRootParentSampled() {
        assertThat(TraceHeader.forRequest(" Root=1-3152b799-8954dae64eda91bc9a23a7e8 ; sampled=? ", 0).toString())
                .matches(ROOT + ";Parent=[0-9a-f]{16};Sampled=\\?");
        assertThat(TraceHeader.forRequest(FULL, 0).rootField()).isEqualTo(ROOT);
    }
}
