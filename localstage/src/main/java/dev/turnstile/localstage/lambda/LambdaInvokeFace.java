package dev.turnstile.localstage.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.StageModel;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}) as {@code LambdaClient}
 * and {@code aws lambda invoke --endpoint-url} call it: {@code RequestResponse} (200 with the function's payload,
 * {@code X-Amz-Function-Error: Unhandled} on failure), {@code Event} (202, queued durably), {@code DryRun} (204),
 * and Lambda's errors (404 ResourceNotFoundException, 413 RequestEntityTooLargeException, 429
 * TooManyRequestsException, 400 InvalidRequestContentException). Returns false for any other path.
 */
public final class LambdaInvokeFace extends Handler.Abstract {

    private static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaService service;

    public LambdaInvokeFace(LambdaService service) {
        this.service = service;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return false;
        }
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        if (!"POST".equals(request.getMethod())) {
            error(response, callback, 405, "MethodNotAllowedException", "Method not allowed: " + request.getMethod());
            return true;
        }
        String name = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()), StandardCharsets.UTF_8);
        String qualifier = Request.extractQueryParameters(request).getValue("Qualifier");
        Optional<FunctionConfig> function = resolve(name, qualifier);
        if (function.isEmpty()) {
            error(response, callback, 404, "ResourceNotFoundException", "Function not found: " + notFoundArn(name, qualifier));
            return true;
        }
        String type = Optional.ofNullable(request.getHeaders().get("X-Amz-Invocation-Type")).orElse("RequestResponse");
        int limit;
        switch (type) {
            case "RequestResponse", "DryRun" -> limit = MAX_SYNC_PAYLOAD;
            case "Event" -> limit = MAX_ASYNC_PAYLOAD;
            default -> {
                error(response, callback, 400, "ValidationException", "1 validation error detected: Value '" + type
                        + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[Event, RequestResponse, DryRun]");
                return true;
            }
        }
        long declared = request.getHeaders().getLongField("Content-Length");
        if (declared > limit) {
            tooLarge(request, response, callback, limit);
            return true;
        }
        Content.Source.asByteArrayAsync(request, limit).whenComplete((body, failure) -> {
            if (failure != null) {
                tooLarge(request, response, callback, limit);
                return;
            }
            byte[] payload = body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
            try {
                JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                error(response, callback, 400, "InvalidRequestContentException",
                        "Could not parse request body into json: " + e.getOriginalMessage());
                return;
            } catch (java.io.IOException e) {
                error(response, callback, 400, "InvalidRequestContentException", "Could not read request body: " + e);
                return;
            }
            switch (type) {
                case "DryRun" -> {
                    response.setStatus(204);
                    callback.succeeded();
                }
                case "Event" -> {
                    String eventId = service.invokeAsync(function.get().logicalId(), payload);
                    response.getHeaders().put("x-amzn-RequestId", eventId);
                    response.setStatus(202);
                    response.write(true, ByteBuffer.allocate(0), callback);
                }
                default -> service.invoke(function.get().logicalId(), payload)
                        .whenComplete((result, invokeFailure) -> {
                            if (invokeFailure != null) {
                                error(response, callback, 500, "ServiceException", "Lambda was unable to run the function: "
                                        + invokeFailure.getMessage());
                            } else {
                                answer(response, callback, result);
                            }
                        });
            }
        });
        return true;
    }

    private void answer(Response response, Callback callback, InvocationResult result) {
        response.getHeaders().put("x-amzn-RequestId", result.lambdaRequestId());
        switch (result.outcome()) {
            case THROTTLED -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
                body.put("Type", "User");
                body.put("message", "Rate Exceeded.");
                write(response, callback, 429, "TooManyRequestsException", body.toString().getBytes(StandardCharsets.UTF_8));
            }
            case NOT_FOUND -> error(response, callback, 404, "ResourceNotFoundException", result.errorMessage());
            default -> {
                response.getHeaders().put("X-Amz-Executed-Version", "$LATEST");
                if (result.outcome() != InvocationResult.Outcome.SUCCESS) {
                    response.getHeaders().put("X-Amz-Function-Error", "Unhandled");
                }
                write(response, callback, 200, null, result.payload());
            }
        }
    }

    /** A function by name, full ARN or partial ARN ({@code 123456789012:function:name}), with an optional qualifier. */
    private Optional<FunctionConfig> resolve(String name, String qualifier) {
        StageModel model = service.model();
        String[] parts = name.split(":", -1);
        String functionName;
        String inlineQualifier = null;
        if (name.startsWith("arn:")) {
            if (parts.length < 7 || !"aws".equals(parts[1]) || !"lambda".equals(parts[2]) || !"function".equals(parts[5])
                    || !model.region().equals(parts[3]) || !model.accountId().equals(parts[4])) {
                return Optional.empty();
            }
            functionName = parts[6];
            inlineQualifier = parts.length > 7 ? parts[7] : null;
        } else if (parts.length >= 3 && "function".equals(parts[1])) {
            if (!model.accountId().equals(parts[0])) {
                return Optional.empty();
            }
            functionName = parts[2];
            inlineQualifier = parts.length > 3 ? parts[3] : null;
        } else {
            functionName = parts[0];
            inlineQualifier = parts.length > 1 ? parts[1] : null;
        }
        for (String q : new String[] {inlineQualifier, qualifier}) {
            if (q != null && !"$LATEST".equals(q)) {
                return Optional.empty();
            }
        }
        return model.functions().values().stream().filter(f -> f.functionName().equals(functionName)).findFirst();
    }

    private String notFoundArn(String name, String qualifier) {
        StageModel model = service.model();
        String base = name.startsWith("arn:") ? name
                : name.contains(":function:") ? "arn:aws:lambda:" + model.region() + ":" + name
                : "arn:aws:lambda:" + model.region() + ":" + model.accountId() + ":function:" + name;
        return qualifier == null ? base : base + ":" + qualifier;
    }

    // the body is read to its end first: clients such as the SDK's write it all before reading the answer
    private static void tooLarge(Request request, Response response, Callback callback, int limit) {
        Runnable answer = () -> error(response, callback, 413, "RequestEntityTooLargeException",
                "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
        Content.Source.consumeAll(request, Callback.from(answer, failure -> answer.run()));
    }

    private static void error(Response response, Callback callback, int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        write(response, callback, status, type, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Response response, Callback callback, int status, String errorType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
