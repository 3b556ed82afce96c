package dev.turnstile.localstage.gateway.authorizer;

import java.util.List;

/**
 * One IAM policy statement of an authorizer's {@code policyDocument}.
 *
 * @param effect    Allow or Deny
 * @param actions   action patterns, e.g. {@code execute-api:Invoke}, {@code execute-api:*}
 * @param resources resource patterns with IAM wildcards {@code *} and {@code ?}
 */
public record PolicyStatement(Effect effect, List<String> actions, List<String> resources) {

    /** IAM statement effect. */
    public enum Effect { ALLOW, DENY }

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /** Whether this statement covers invoking the given method ARN. */
    public boolean covers(String methodArn) {
        return anyMatch(actions, "execute-api:Invoke", true) && anyMatch(resources, methodArn, false);
    }

    private static boolean anyMatch(List<String> patterns, String value, boolean ignoreCase) {
        for (String pattern : patterns) {
            if (Wildcard.matches(pattern, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }
}
