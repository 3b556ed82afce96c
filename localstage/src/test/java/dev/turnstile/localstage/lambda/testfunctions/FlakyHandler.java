package dev.turnstile.localstage.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test function for asynchronous retries: appends its request id to the file named by {@code MARK_FILE}, then
 * fails while the file holds fewer lines than the event's number.
 */
public class FlakyHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int succeedOnAttempt = Integer.parseInt(new String(input.readAllBytes(), StandardCharsets.UTF_8).trim());
        Path marks = Path.of(System.getenv("MARK_FILE"));
        Files.writeString(marks, context.getAwsRequestId() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (Files.readAllLines(marks).size() < succeedOnAttempt) {
            throw new IllegalStateException("not yet");
        }
        output.write("\"done\"".getBytes(StandardCharsets.UTF_8));
    }
}
