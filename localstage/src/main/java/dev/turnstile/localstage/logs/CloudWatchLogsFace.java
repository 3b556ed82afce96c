package dev.turnstile.localstage.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CloudWatch Logs face (JSON 1.1 protocol): {@code POST /} with {@code X-Amz-Target: Logs_20140328.<Op>}.
 * Requests without that target are not ours ({@code false}), so other faces can share the port. Errors are
 * HTTP 400 with {@code {"__type":…,"message":…}} and {@code x-amzn-ErrorType}, as CloudWatch Logs sends them.
 * Signatures are not checked (any dummy credentials work), as on other local AWS emulators.
 */
public final class CloudWatchLogsFace extends Handler.Abstract {

    /** The JSON 1.1 target prefix of CloudWatch Logs. */
    public static final String TARGET_PREFIX = "Logs_20140328.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogsFace.class);

    private final LogsApi api;

    public CloudWatchLogsFace(LogStore store, String region, String accountId) {
        this.api = new LogsApi(store, region, accountId);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return false;
        }
        String operation = target.substring(TARGET_PREFIX.length());
        int status = 200;
        ObjectNode body;
        String errorType = null;
        try {
            if (!"POST".equals(request.getMethod())) {
                throw new LogsException("UnknownOperationException",
                        "CloudWatch Logs operations are POST requests, not " + request.getMethod());
            }
            body = api.invoke(operation, Content.Source.asString(request, StandardCharsets.UTF_8));
        } catch (LogsException e) {
            status = 400;
            errorType = e.errorType();
            body = JSON.createObjectNode().put("__type", e.errorType()).put("message", e.getMessage());
        } catch (RuntimeException e) {
            // a bug or an I/O failure of the store: logged here, answered in AWS's shape so SDK users see it
            LOG.error("CloudWatch Logs {} failed", operation, e);
            status = 500;
            errorType = "ServiceUnavailableException";
            body = JSON.createObjectNode().put("__type", errorType).put("message", String.valueOf(e.getMessage()));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
        }
        response.write(true, ByteBuffer.wrap(bytes(body)), callback);
        return true;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a CloudWatch Logs response", e);
        }
    }
}
