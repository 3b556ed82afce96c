package dev.turnstile.functions.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda context for unit tests that keeps every line the function logs. */
public final class TestContext implements Context {
    private final String awsRequestId;
    private final List<String> lines = new ArrayList<>();

    public TestContext(String awsRequestId) {
        this.awsRequestId = awsRequestId;
    }

    /** The lines logged so far. */
    public List<String> logLines() {
        return lines;
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/turnstile-test"; }
    @Override public String getLogStreamName() { return "2026/11/25/[$LATEST]0123456789abcdef"; }
    @Override public String getFunctionName() { return "turnstile-test"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:turnstile-test"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 10_000; }
    @Override public int getMemoryLimitInMB() { return 512; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { lines.add(message); }
            @Override public void log(byte[] message) { lines.add(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
