package dev.turnstile.localstage.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The end of every chain: what no face took.
 *
 * <p>A request of an AWS JSON protocol — one carrying {@code X-Amz-Target}, or a {@code POST /} with an
 * {@code application/x-amz-json-1.0/1.1} body — whose target no face serves gets what AWS JSON services answer for
 * an unknown or missing operation: 400 with {@code __type} {@code UnknownOperationException}, so SDKs raise a typed
 * error (docs/aws-behaviour.md §7). Anything else gets a JSON 404 naming the path.
 */
final class NotFoundFace extends Handler.Abstract {

    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    private static final String JSON_PROTOCOL = "application/x-amz-json-";

    NotFoundFace() {
        super(InvocationType.NON_BLOCKING);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String target = request.getHeaders().get("X-Amz-Target");
        String contentType = request.getHeaders().get("Content-Type");
        String path = Request.getPathInContext(request);
        boolean jsonProtocol = target != null
                || ("POST".equals(request.getMethod()) && "/".equals(path) && contentType != null
                && contentType.startsWith(JSON_PROTOCOL));
        if (jsonProtocol) {
            String message = target == null || target.isBlank()
                    ? "the request has no X-Amz-Target header naming the operation"
                    : "no local-stage service serves the operation " + target;
            response.getHeaders().put("x-amzn-ErrorType", UNKNOWN_OPERATION);
            JsonError.write(response, callback, 400, contentType != null && contentType.startsWith(JSON_PROTOCOL)
                    ? contentType : "application/x-amz-json-1.1", JsonError.typed(
                    "com.amazon.coral.service#" + UNKNOWN_OPERATION, message), false);
            return true;
        }
        JsonError.write(response, callback, 404, "application/json", JsonError.body(
                "No local-stage service serves " + request.getMethod() + " " + path), false);
        return true;
    }
}
