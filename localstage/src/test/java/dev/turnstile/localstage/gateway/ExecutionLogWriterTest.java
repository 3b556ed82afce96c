package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Execution-log sequences at INFO and ERROR, as deployed stages write them, masking, and what is never written. */
class ExecutionLogWriterTest {

    private static final String RID = "11111111-2222-4333-8444-555555555555";
    private static final String LAMBDA = "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:123456789012:function:turnstile-";
    private final Fixture f = new Fixture();

    private GatewayResponse post() {
        return f.sendBody("POST", "/Prod/items", "{}", "Authorization", "allow", "x-api-key", Fixture.KEY,
                "x-amzn-RequestId", RID);
    }

    /** The lines of a request through the cached TOKEN authorizer up to its usage-plan check, then {@code rest}. */
    private static List<String> prefixed(List<String> first, String... rest) {
        return prefixed(Stream.concat(first.stream(), Arrays.stream(rest))
                .toArray(String[]::new));
    }

    private static List<String> throughTheUsagePlanCheck(GatewayResponse r) {
        return List.of(
                "Extended Request Id: " + r.header("x-amz-apigw-id"),
                "Starting authorizer: tok001 for request: " + RID,
                "Incoming identity: **********llow",
                "Endpoint request URI: " + LAMBDA + "TokenAuth/invocations",
                "Sending request to " + LAMBDA + "TokenAuth/invocations",
                "Successfully completed authorizer execution",
                "Verifying Usage Plan for request: " + RID + ". API Key: **********1234 API Stage: a1b2c3d4e5/Prod");
    }

    private static List<String> prefixed(String... lines) {
        return Arrays.stream(lines).map(l -> "(" + RID + ") " + l).toList();
    }

    @Test
    void infoSequenceFor200() {
        f.invoker.answer("Writer", e -> {
            f.clock.advance(Duration.ofMillis(40));
            return Doubles.success("{\"statusCode\":200}");
        });
        GatewayResponse r = post();
        String header = r.header("X-Amzn-Trace-Id");
        String trace = header.substring(0, header.indexOf(';')); // the Root field
        assertThat(f.executionLines()).containsExactlyElementsOf(prefixed(throughTheUsagePlanCheck(r),
                "Usage Plan check succeeded for API Key **********1234 and API Stage a1b2c3d4e5/Prod",
                "Starting execution for request: " + RID,
                "HTTP Method: POST, Resource Path: /items",
                "Method request path: {}",
                "Method request query string: {}",
                "Method request headers: {Authorization=**********llow, x-api-key=**********1234, x-amzn-RequestId=" + RID + "}",
                "Endpoint request URI: " + LAMBDA + "Writer/invocations",
                "Sending request to " + LAMBDA + "Writer/invocations",
                "Received response. Status: 200, Integration latency: 40 ms",
                "Endpoint response headers: {x-amzn-RequestId=lambda-req-1, Content-Type=application/json, X-Amzn-Trace-Id=" + trace + "}",
                "Method response headers: {Content-Type=application/json}",
                "Successfully completed execution",
                "Method completed with status: 200",
                "AWS Integration Endpoint RequestId : lambda-req-1",
                "X-ray Tracing ID : " + trace));
        assertThat(String.join("\n", f.executionLines())).doesNotContain(Fixture.KEY);
    }

    @Test
    void infoSequenceFor429() {
        f.enforcer.verdict = Verdict.THROTTLED;
        GatewayResponse r = post();
        assertThat(f.executionLines()).containsExactlyElementsOf(prefixed(throughTheUsagePlanCheck(r),
                "API Key **********1234 exceeded throttle limit for API Stage a1b2c3d4e5/Prod: "
                        + "Key throttle limit exceeded for Usage Plan ID plan01. Limit: 10.00 Burst: 20",
                "Method completed with status: 429"));
    }

    @Test
    void errorLevelWritesOnlyErrorLines() {
        f.loggingLevel = "ERROR";
        f.enforcer.verdict = Verdict.THROTTLED;
        post();
        assertThat(f.executionLines()).containsExactlyElementsOf(prefixed(
                "API Key **********1234 exceeded throttle limit for API Stage a1b2c3d4e5/Prod: "
                        + "Key throttle limit exceeded for Usage Plan ID plan01. Limit: 10.00 Burst: 20",
                "Method completed with status: 429"));
        f.enforcer.verdict = Verdict.ADMITTED;
        post();
        assertThat(f.executionLines()).hasSize(2);
    }

    @Test
    void offWritesNothingAndMissingToken401IsNeverWritten() {
        f.send("POST", "/Prod/items", "x-api-key", Fixture.KEY);
        assertThat(f.executionLines()).isEmpty();
        assertThat(f.accessLines()).hasSize(1);

        Fixture off = new Fixture();
        off.loggingLevel = "OFF";
        off.postItem();
        assertThat(off.executionLines()).isEmpty();
        assertThat(off.logs.byGroup).containsOnlyKeys(Fixture.ACCESS_GROUP);
    }

    @Test
    void authorizerConfigurationErrorIsLogged() {
        f.loggingLevel = "ERROR";
        f.invoker.answer("TokenAuth", e -> Doubles.success("{}"));
        post();
        assertThat(f.executionLines()).containsExactlyElementsOf(prefixed(
                "Execution failed due to configuration error: Authorizer error",
                "Authorizer error detail: authorizer output has no policyDocument object",
                "AuthorizerConfigurationException",
                "Method completed with status: 500"));
    }
}
