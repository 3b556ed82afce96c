package dev.turnstile.localstage.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.dynamodb.DynamoDbHealth;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The stage's readiness, {@code GET /_turnstile/ready} on the services port (a path that does not exist on AWS):
 * 200 {@code {"ready":true,"dynamodb":{…}}} while every backend serves, 503 {@code {"ready":false,…}} while one does
 * not — DynamoDB dead and being restarted, or an external endpoint not answering — with the state, the process id,
 * the number of restarts and the last failure.
 */
public final class ReadinessFace extends Handler.Abstract {

    /** The admin path. */
    public static final String PATH = "/_turnstile/ready";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<DynamoDbHealth> dynamoDb;

    public ReadinessFace(Supplier<DynamoDbHealth> dynamoDb) {
        super(InvocationType.NON_BLOCKING);
        this.dynamoDb = dynamoDb;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        DynamoDbHealth health = dynamoDb.get();
        ObjectNode body = JSON.createObjectNode().put("ready", health.ready());
        body.putObject("dynamodb")
                .put("state", health.state().name())
                .put("endpoint", health.endpoint())
                .put("pid", health.pid())
                .put("restarts", health.restarts())
                .put("since", health.since().toString())
                .put("lastFailure", health.lastFailure());
        int status = !"GET".equals(request.getMethod()) ? 405 : health.ready() ? 200 : 503;
        byte[] bytes = status == 405
                ? JSON.writeValueAsBytes(JSON.createObjectNode().put("message", "use GET on " + PATH))
                : JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
