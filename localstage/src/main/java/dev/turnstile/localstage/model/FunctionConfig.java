package dev.turnstile.localstage.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Lambda function of the template ({@code AWS::Serverless::Function}).
 *
 * @param logicalId           template logical id, e.g. {@code WriterFunction}
 * @param functionName        the deployed-style function name (the template's {@code FunctionName} or a generated one)
 * @param handler             {@code package.Class::method}
 * @param runtime             e.g. {@code java21}
 * @param codeUri             the function jar, resolved against the template's folder
 * @param memorySizeMb        memory size in MB (default 128)
 * @param timeoutSeconds      function timeout in seconds (default 3)
 * @param reservedConcurrency {@code ReservedConcurrentExecutions}, or null when unset
 * @param environment         the function's environment variables, intrinsics resolved
 */
public record FunctionConfig(
        String logicalId,
        String functionName,
        String handler,
        String runtime,
        Path codeUri,
        int memorySizeMb,
        int timeoutSeconds,
        Integer reservedConcurrency,
        Map<String, String> environment) {

    /** The function's ARN in the stage's region and account. */
    public String arn(String region, String accountId) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    /** The Lambda Invoke URI API Gateway calls for this function (execution logs print it). */
    public String invocationUri(String region, String accountId) {
        return "https://lambda." + region + ".amazonaws.com/2015-03-31/functions/" + arn(region, accountId)
                + "/invocations";
    }

    /** The function's log group. */
    public String logGroupName() {
        return "/aws/lambda/" + functionName;
    }
}
