package dev.turnstile.localstage.cloudformation;

import dev.turnstile.localstage.controlplane.DeniedOperations;
import dev.turnstile.localstage.server.FormBody;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CloudFormation face on the services port: the local stage's own stack, in the protocol the AWS SDK for Java v2
 * {@code CloudFormationClient} and the AWS CLI speak — AWS Query: a form {@code POST /} (or {@code GET /?…}) with
 * {@code Version=2010-05-15} and {@code Action=<Operation>}, answered in XML (docs/aws-behaviour.md §10).
 *
 * <p>{@code DescribeStacks} reports the one stack (by name or stack id, or all stacks when none is named); an unknown
 * stack is CloudFormation's 400 {@code ValidationError} "Stack with id NAME does not exist"; any other action is
 * 400 {@code InvalidAction}; an operation in {@code --deny} is 403 {@code AccessDenied}. Requests with another
 * {@code Version} are not this face's. Signatures are not checked.
 */
public final class CloudFormationFace extends Handler.Abstract {

    /** The API version every CloudFormation Query request names. */
    static final String VERSION = "2010-05-15";
    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationFace.class);

    private final Supplier<StackDescription> stack;
    private final DeniedOperations denied;
    private final String region;
    private final String accountId;

    /**
     * @param stack   the stack (a supplier: its invoke URL output needs the execute-api listener, started later)
     * @param denied  operations answered with {@code AccessDenied}
     */
    public CloudFormationFace(Supplier<StackDescription> stack, DeniedOperations denied, String region,
                              String accountId) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.denied = Objects.requireNonNull(denied, "denied");
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"/".equals(Request.getPathInContext(request))) {
            return false;
        }
        Map<String, String> fields = FormBody.fields(request);
        if (!VERSION.equals(fields.remove("Version"))) {
            return false;
        }
        String action = fields.remove("Action");
        String requestId = UUID.randomUUID().toString();
        int status = 200;
        byte[] body;
        try {
            body = invoke(action == null ? "" : action, fields, requestId);
        } catch (CloudFormationException e) {
            status = e.status();
            body = CloudFormationXml.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.error("CloudFormation {} failed", action, e);
            CloudFormationException internal = new CloudFormationException(500, "Receiver", "InternalFailure",
                    String.valueOf(e.getMessage()));
            status = internal.status();
            body = CloudFormationXml.error(internal, requestId);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        response.getHeaders().put("x-amzn-RequestId", requestId);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private byte[] invoke(String action, Map<String, String> fields, String requestId) {
        if (!DeniedOperations.CLOUDFORMATION.contains(action)) {
            throw CloudFormationException.invalidAction(action);
        }
        String stackName = fields.get("StackName");
        if (denied.denies(action)) {
            String resource = "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/"
                    + (stackName == null ? "*" : stackName) + "/*";
            throw CloudFormationException.accessDenied(DeniedOperations.message("cloudformation:" + action, resource));
        }
        return describeStacks(stackName, requestId);
    }

    private byte[] describeStacks(String stackName, String requestId) {
        StackDescription current = stack.get();
        if (stackName == null || stackName.isEmpty()) {
            return CloudFormationXml.describeStacks(List.of(current), requestId);
        }
        if (!current.isNamed(stackName)) {
            throw CloudFormationException.validation("Stack with id " + stackName + " does not exist");
        }
        return CloudFormationXml.describeStacks(List.of(current), requestId);
    }
}
