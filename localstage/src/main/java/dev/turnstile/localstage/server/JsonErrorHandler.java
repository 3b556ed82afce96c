package dev.turnstile.localstage.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers on its own — a request it cannot parse (400), headers over the limit (431), a face that
 * threw — as {@code {"message":"<reason phrase>"}} instead of an HTML page. The reason phrase only: exception
 * messages and stack traces stay in the stage's log.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        JsonError.write(response, callback, code, "application/json", JsonError.body(JsonError.reason(code)), false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(JsonError.body(JsonError.reason(status)));
    }
}
