package dev.turnstile.bench;

import dev.turnstile.localstage.gateway.authorizer.PolicyDecision;
import dev.turnstile.localstage.gateway.authorizer.PolicyStatement;
import dev.turnstile.localstage.gateway.authorizer.PolicyStatement.Effect;
import dev.turnstile.localstage.gateway.authorizer.Wildcard;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Policy evaluation on every authorized request (a cached policy is re-evaluated against each request's
 * methodArn): the stage-wide Allow the functions return, an explicit Deny, and a miss. Run with
 * {@code -prof gc}: allocation must stay at ~0 B/op.
 */
@State(Scope.Benchmark)
public class PolicyMatchingBenchmark extends HotPathBenchmark {

    private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/POST/items";
    private static final List<PolicyStatement> ALLOW_STAGE = List.of(new PolicyStatement(Effect.ALLOW,
            List.of("execute-api:Invoke"), List.of("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/*/*")));
    private static final List<PolicyStatement> DENY_STAGE = List.of(new PolicyStatement(Effect.DENY,
            List.of("execute-api:Invoke"), List.of("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/*/*")));
    private static final List<PolicyStatement> OTHER_ROUTE = List.of(new PolicyStatement(Effect.ALLOW,
            List.of("execute-api:Invoke"), List.of("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/GET/pets/*")));

    /** The policy the repository's authorizers return: Allow on every method of the stage. */
    @Benchmark
    public PolicyDecision allowStageWide() {
        return PolicyDecision.evaluate(ALLOW_STAGE, ARN);
    }

    /** Explicit Deny. */
    @Benchmark
    public PolicyDecision denyStageWide() {
        return PolicyDecision.evaluate(DENY_STAGE, ARN);
    }

    /** A cached policy for another route: no statement matches (implicit deny). */
    @Benchmark
    public PolicyDecision noMatchingAllow() {
        return PolicyDecision.evaluate(OTHER_ROUTE, ARN);
    }

    /** The IAM wildcard matcher alone, with a {@code ?} and two {@code *}. */
    @Benchmark
    public boolean wildcard() {
        return Wildcard.matches("arn:aws:execute-api:us-east-?:*:a1b2c3d4e5/*/POST/items", ARN, false);
    }
}
