package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import org.junit.jupiter.api.Test;

/** The usage-plan step: key source, verdict mapping, nothing metered before the authorizer passed. */
class UsagePlanStepTest {

    private final Fixture f = new Fixture();

    @Test
    void keyHeaderIsCaseInsensitive() {
        f.send("GET", "/Prod/items/1", "X-Api-Key", "MixedCaseHeaderKey0001");
        assertThat(f.enforcer.keys).containsExactly("MixedCaseHeaderKey0001");
    }

    @Test
    void aKeySentTwiceIsItsLastValueTheOneTheFunctionSees() {
        // the proxy event's headers map keeps the last value (docs/aws-behaviour.md §5.1): meter the same one
        f.send("GET", "/Prod/items/1", "x-api-key", "FirstKeyValue00000001", "X-API-Key", "LastKeyValue000000001");
        assertThat(f.enforcer.keys).containsExactly("LastKeyValue000000001");
    }

    @Test
    void absentKeyIsPassedAsNull() {
        f.send("GET", "/Prod/items/1");
        assertThat(f.enforcer.keys).containsExactly("null");
    }

    @Test
    void verdictsMapToAwsErrors() {
        f.enforcer.verdict = Verdict.NOT_METERED;
        assertThat(f.postItem().status()).isEqualTo(201);
        f.enforcer.verdict = Verdict.INVALID_API_KEY;
        assertThat(f.postItem().header("x-amzn-ErrorType")).isEqualTo("ForbiddenException");
        f.enforcer.verdict = Verdict.THROTTLED;
        assertThat(f.postItem().header("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
        f.enforcer.verdict = Verdict.QUOTA_EXCEEDED;
        assertThat(f.postItem().header("x-amzn-ErrorType")).isEqualTo("LimitExceededException");
        assertThat(f.invoker.count("Writer")).isEqualTo(1);
    }

    @Test
    void rejectedByTheAuthorizerNeverReachesTheUsagePlan() {
        f.send("POST", "/Prod/items", "x-api-key", Fixture.KEY);
        f.send("GET", "/Prod/missing", "x-api-key", Fixture.KEY);
        assertThat(f.enforcer.keys).isEmpty();
    }
}
