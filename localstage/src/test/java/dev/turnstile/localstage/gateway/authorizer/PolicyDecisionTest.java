package dev.turnstile.localstage.gateway.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.gateway.authorizer.PolicyStatement.Effect;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven IAM policy evaluation against method ARNs. */
class PolicyDecisionTest {

    private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/POST/items";
    private static final String ROOT = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/GET/";

    @ParameterizedTest(name = "{0} {1} {2} on {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "Allow | execute-api:Invoke | " + ARN + "                                          | " + ARN + " | ALLOW",
            "Allow | execute-api:Invoke | arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*          | " + ARN + " | ALLOW",
            "Allow | execute-api:Invoke | arn:aws:execute-api:*:*:*/Prod/*/items                | " + ARN + " | ALLOW",
            "Allow | execute-api:Invoke | arn:aws:execute-api:*:*:*/Prod/GET/*                  | " + ARN + " | IMPLICIT_DENY",
            "Allow | execute-api:Invoke | arn:aws:execute-api:*:*:*/Prod/POS?/item?             | " + ARN + " | ALLOW",
            "Allow | execute-api:Invoke | arn:aws:execute-api:*:*:*/Prod/POS?/item              | " + ARN + " | IMPLICIT_DENY",
            "Allow | execute-api:*      | *                                                     | " + ARN + " | ALLOW",
            "Allow | EXECUTE-API:invoke | *                                                     | " + ARN + " | ALLOW",
            "Allow | s3:GetObject       | *                                                     | " + ARN + " | IMPLICIT_DENY",
            "Allow | *                  | *                                                     | " + ARN + " | ALLOW",
            "Deny  | execute-api:Invoke | *                                                     | " + ARN + " | EXPLICIT_DENY",
            "Allow | execute-api:Invoke | " + ROOT + "                                         | " + ROOT + " | ALLOW",
            "Allow | execute-api:Invoke | " + ROOT + "                                         | " + ARN + " | IMPLICIT_DENY",
            "Allow | execute-api:Invoke | arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/Prod/GET | " + ROOT + " | IMPLICIT_DENY",
            "Allow | execute-api:Invoke | arn:aws:execute-api:us-east-1:123456789012:A1B2C3D4E5/* | " + ARN + " | IMPLICIT_DENY",
    })
    void singleStatement(String effect, String action, String resource, String methodArn, PolicyDecision expected) {
        PolicyStatement s = new PolicyStatement(Effect.valueOf(effect.toUpperCase()), List.of(action), List.of(resource));
        assertThat(PolicyDecision.evaluate(List.of(s), methodArn)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void denyWinsOverAllowWhateverTheOrder() {
        PolicyStatement allow = new PolicyStatement(Effect.ALLOW, List.of("execute-api:Invoke"), List.of("*"));
        PolicyStatement deny = new PolicyStatement(Effect.DENY, List.of("execute-api:Invoke"),
                List.of("arn:aws:execute-api:*:*:*/Prod/POST/*"));
        assertThat(PolicyDecision.evaluate(List.of(allow, deny), ARN)).isEqualTo(PolicyDecision.EXPLICIT_DENY);
        assertThat(PolicyDecision.evaluate(List.of(deny, allow), ARN)).isEqualTo(PolicyDecision.EXPLICIT_DENY);
        assertThat(PolicyDecision.evaluate(List.of(allow, deny), ROOT)).isEqualTo(PolicyDecision.ALLOW);
    }

    @org.junit.jupiter.api.Test
    void resourceListMatchesAnyEntryAndEmptyPolicyDenies() {
        PolicyStatement s = new PolicyStatement(Effect.ALLOW, List.of("s3:*", "execute-api:Invoke"),
                List.of("arn:aws:execute-api:*:*:*/Prod/GET/*", ARN));
        assertThat(PolicyDecision.evaluate(List.of(s), ARN)).isEqualTo(PolicyDecision.ALLOW);
        assertThat(PolicyDecision.evaluate(List.of(), ARN)).isEqualTo(PolicyDecision.IMPLICIT_DENY);
    }

    @ParameterizedTest
    @CsvSource({"*,'',true", "a*b*c,axxbyyc,true", "a*b*c,axxbyy,false", "?,'',false", "a?c,abc,true", "**x,yyx,true",
            "abc,abcd,false", "*/GET/,arn/GET/,true"})
    void wildcard(String pattern, String value, boolean expected) {
        assertThat(Wildcard.matches(pattern, value, false)).isEqualTo(expected);
    }
}
