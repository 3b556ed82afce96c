package dev.turnstile.localstage.it.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Integration-test function: succeeds, but returns a plain JSON string instead of a proxy response object. */
public class MalformedProxyHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write("\"not a proxy response\"".getBytes(StandardCharsets.UTF_8));
    }
}
