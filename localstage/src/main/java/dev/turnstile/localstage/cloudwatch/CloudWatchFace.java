package dev.turnstile.localstage.cloudwatch;

import dev.turnstile.localstage.server.FormBody;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
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
 * The CloudWatch metrics face on the services port, in every protocol CloudWatch accepts (docs/aws-behaviour.md §8.2),
 * told apart as CloudWatch tells them apart:
 * <ul>
 *   <li>AWS JSON 1.0 — {@code X-Amz-Target: GraniteServiceVersion20100801.<Operation>} (the AWS CLI v1);</li>
 *   <li>Smithy RPC v2 CBOR — {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>} (the AWS SDK for
 *       Java v2);</li>
 *   <li>AWS Query — a form {@code POST /} (or {@code GET /?…}) with {@code Version=2010-08-01} and
 *       {@code Action=<Operation>} (older clients).</li>
 * </ul>
 * Anything else is not this face's ({@code false}), so the other faces keep the port. Errors are answered in the shape
 * of the protocol that asked. Signatures are not checked: any dummy credentials work, as with the other faces.
 */
public final class CloudWatchFace extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchFace.class);
    private final MetricsApi api;

    /** {@code clock}: the stage clock, "now" for {@code ListMetrics}. */
    public CloudWatchFace(MetricStore store, Clock clock) {
        this.api = new MetricsApi(store, clock);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        WireProtocol wire = protocolOf(request);
        if (wire == null) {
            return false;
        }
        String requestId = UUID.randomUUID().toString();
        MetricsException error = null;
        byte[] body;
        try {
            if (!"POST".equals(request.getMethod()) && !(wire instanceof AwsQueryProtocol)) {
                throw MetricsException.malformed("CloudWatch operations are POST requests, not " + request.getMethod() + ".");
            }
            body = wire.output(api.invoke(wire.operation(), wire.input()), requestId);
        } catch (MetricsException e) {
            error = e;
            body = wire.error(e, requestId);
        } catch (RuntimeException e) {
            // a bug or a failing store: logged here, answered in CloudWatch's own shape so clients see it
            LOG.error("CloudWatch {} failed", wire.operation(), e);
            error = MetricsException.internal(String.valueOf(e.getMessage()));
            body = wire.error(error, requestId);
        }
        response.setStatus(error == null ? 200 : error.code().status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, wire.contentType());
        response.getHeaders().put("x-amzn-RequestId", requestId);
        wire.headers(response.getHeaders(), error);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The protocol of a request for CloudWatch, or null when the request is for another face. */
    private static WireProtocol protocolOf(Request request) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        if (target != null) {
            return target.startsWith(AwsJsonProtocol.TARGET_PREFIX)
                    ? new AwsJsonProtocol(target.substring(AwsJsonProtocol.TARGET_PREFIX.length()), bytes(request))
                    : null;
        }
        String path = Request.getPathInContext(request);
        if (path.startsWith(RpcV2CborProtocol.PATH_PREFIX)) {
            return new RpcV2CborProtocol(path.substring(RpcV2CborProtocol.PATH_PREFIX.length()), bytes(request));
        }
        if (!"/".equals(path)) {
            return null;
        }
        // decoded once for every AWS Query face of the port (CloudFormation reads the same body)
        Map<String, String> fields = FormBody.fields(request);
        if (!AwsQueryProtocol.VERSION.equals(fields.remove("Version"))) {
            return null;
        }
        String action = fields.remove("Action");
        return new AwsQueryProtocol(action == null ? "" : action, fields);
    }

    private static byte[] bytes(Request request) throws Exception {
        ByteBuffer buffer = Content.Source.asByteBuffer(request);
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
