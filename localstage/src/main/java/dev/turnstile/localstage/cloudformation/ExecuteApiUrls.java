package dev.turnstile.localstage.cloudformation;

import java.util.Objects;

/**
 * Turns the API's AWS execute-api base URL in an output value into the local stage's execute-api listener.
 *
 * <p>Why: the template's {@code InvokeUrl} output is {@code https://${Api}.execute-api.${AWS::Region}.amazonaws.com/Prod},
 * a host that only exists on AWS. Discovery takes the invoke URL from that output, exactly as on AWS, so the local
 * stack reports the URL clients must use here: an output value that starts with
 * {@code https://<restApiId>.execute-api.<region>.amazonaws.com} starts with the listener's
 * {@code http://127.0.0.1:<port>} instead; the path (the stage) is kept. Nothing else of any output changes
 * (docs/aws-behaviour.md §10, localstage/README.md "Control plane").
 */
public final class ExecuteApiUrls {

    private final String awsBase;
    private final String localBase;

    /** @param localBase the execute-api listener, e.g. {@code http://127.0.0.1:3000} (no trailing slash) */
    public ExecuteApiUrls(String restApiId, String region, String localBase) {
        this.awsBase = "https://" + Objects.requireNonNull(restApiId, "restApiId") + ".execute-api."
                + Objects.requireNonNull(region, "region") + ".amazonaws.com";
        this.localBase = localBase.endsWith("/") ? localBase.substring(0, localBase.length() - 1) : localBase;
    }

    /** The value with the API's AWS base URL replaced by the local listener (only at the start, only whole hosts). */
    public String localise(String value) {
        if (value.equals(awsBase) || value.startsWith(awsBase + "/")) {
            return localBase + value.substring(awsBase.length());
        }
        return value;
    }
}
