package dev.turnstile.localstage.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Test function: answers the value of the environment variable named by its event ({@code null} when unset). */
public class EnvHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String name = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim().replace("\"", "");
        String value = System.getenv(name);
        output.write((value == null ? "null" : "\"" + value + "\"").getBytes(StandardCharsets.UTF_8));
    }
}
