package dev.turnstile.localstage.lambda.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Test function: crashes its environment with {@code System.exit(1)}. */
public class ExitHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        System.out.println("about to exit");
        System.exit(1);
    }
}
