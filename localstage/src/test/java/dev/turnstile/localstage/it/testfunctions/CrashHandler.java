package dev.turnstile.localstage.it.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Integration-test function: ends its execution environment with {@code System.exit(1)} mid-invocation. */
public class CrashHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        System.out.println("crashing on purpose");
        System.exit(1);
    }
}
