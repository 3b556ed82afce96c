package dev.turnstile.localstage.it.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Integration-test function: sleeps {@code SLEEP_MILLIS} (environment variable, from the template) and then answers
 * a valid proxy response {@code 200 "slept"} — a timeout when the template's Timeout is shorter, a long-running
 * invocation (to exhaust reserved concurrency) when it is longer.
 */
public class ProxySleepHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        long millis = Long.parseLong(System.getenv("SLEEP_MILLIS"));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sleeping", e);
        }
        output.write("{\"statusCode\":200,\"body\":\"slept\"}".getBytes(StandardCharsets.UTF_8));
    }
}
