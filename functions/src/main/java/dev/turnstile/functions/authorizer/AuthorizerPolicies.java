package dev.turnstile.functions.authorizer;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the IAM policy responses both Turnstile authorizers return: principal {@code user}, the fixed
 * context keys, and a statement covering every method of the stage.
 */
public final class AuthorizerPolicies {

    /** The principal every Turnstile authorizer reports. */
    public static final String PRINCIPAL_ID = "user";

    // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{path...}
    private static final Pattern METHOD_ARN =
            Pattern.compile("^(arn:[^:]+:execute-api:[^:]+:[^:]+:[^:/]+/[^/]+)/[^/]+/.*$");

    private AuthorizerPolicies() {
    }

    /** An Allow policy for the whole stage of {@code methodArn}. */
    public static IamPolicyResponseV1 allow(String methodArn, TokenClass tokenClass) {
        return policy(IamPolicyResponseV1.ALLOW, methodArn, tokenClass);
    }

    /** A Deny policy for the whole stage of {@code methodArn}. */
    public static IamPolicyResponseV1 deny(String methodArn, TokenClass tokenClass) {
        return policy(IamPolicyResponseV1.DENY, methodArn, tokenClass);
    }

    /**
     * The resource the policy names: every method and path of the stage the request came in on.
     *
     * <p>Why not the incoming {@code methodArn} itself: API Gateway caches the whole policy per identity for the
     * authorizer TTL and reuses it for <em>any</em> route of the API. A policy naming only the first route would
     * make the same token fail with 403 on every other route until the cache entry expires.
     *
     * @throws IllegalArgumentException when {@code methodArn} is not an execute-api method ARN
     */
    public static String stageWideResource(String methodArn) {
        if (methodArn == null) {
            throw new IllegalArgumentException("the authorizer event has no methodArn");
        }
        Matcher matcher = METHOD_ARN.matcher(methodArn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("methodArn '" + methodArn + "' is not an execute-api method ARN "
                    + "(arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path})");
        }
        return matcher.group(1) + "/*/*";
    }

    private static IamPolicyResponseV1 policy(String effect, String methodArn, TokenClass tokenClass) {
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
                .withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
                .withEffect(effect)
                .withResource(List.of(stageWideResource(methodArn)))
                .build();
        return IamPolicyResponseV1.builder()
                .withPrincipalId(PRINCIPAL_ID)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(context(tokenClass))
                .build();
    }

    private static Map<String, Object> context(TokenClass tokenClass) {
        // one value of each type API Gateway allows in a context, so the suite can check how each reaches the
        // integration (as strings in a proxy event)
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("stringKey", "value");
        context.put("numberKey", 1);
        context.put("booleanKey", true);
        context.put("tokenClass", tokenClass.token());
        return context;
    }
}
