package dev.turnstile.localstage.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Lambda Runtime API ({@code 2018-06-01}) for every execution environment, each under its own path prefix
 * {@code /env/<environment id>} (the runtime interface client accepts a path in {@code AWS_LAMBDA_RUNTIME_API}),
 * so an environment only ever receives its own function's invocations.
 *
 * <p>{@code next} is answered asynchronously: the request is held, without a thread, until an invocation arrives.
 */
final class RuntimeApiFace extends Handler.Abstract {

    private static final String PREFIX = "/env/";
    private static final String API = "/2018-06-01/runtime/";
    /** Bodies the runtime may post (the 6 MB response limit is checked by the environment, with room to see it exceeded). */
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final String ACCEPTED = "{\"status\":\"OK\"}";

    private final Map<String, ExecutionEnvironment> environments = new ConcurrentHashMap<>();
    private final String functionArnRegionAccount;

    /** @param functionArnPrefix {@code arn:aws:lambda:<region>:<account>:function:} */
    RuntimeApiFace(String functionArnPrefix) {
        this.functionArnRegionAccount = functionArnPrefix;
    }

    void register(ExecutionEnvironment environment) {
        environments.put(environment.id, environment);
    }

    void unregister(ExecutionEnvironment environment) {
        environments.remove(environment.id);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(PREFIX)) {
            return false;
        }
        int slash = path.indexOf('/', PREFIX.length());
        if (slash < 0 || !path.startsWith(API, slash)) {
            return false;
        }
        String envId = path.substring(PREFIX.length(), slash);
        String call = path.substring(slash + API.length());
        ExecutionEnvironment env = environments.get(envId);
        if (env == null) {
            reply(response, callback, 410, "{\"errorMessage\":\"Unknown execution environment\",\"errorType\":\"EnvironmentGone\"}");
            return true;
        }
        String method = request.getMethod();
        if ("GET".equals(method) && "invocation/next".equals(call)) {
            env.onNext(new HeldNext(response, callback, functionArnRegionAccount + env.function.functionName()));
            return true;
        }
        if (!"POST".equals(method)) {
            reply(response, callback, 405, "{\"errorMessage\":\"Method not allowed\",\"errorType\":\"MethodNotAllowed\"}");
            return true;
        }
        Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, failure) -> {
            if (failure != null) {
                reply(response, callback, 413, "{\"errorMessage\":\"Payload too large\",\"errorType\":\"RequestEntityTooLarge\"}");
                return;
            }
            if ("init/error".equals(call)) {
                env.onInitError(body);
                reply(response, callback, 202, ACCEPTED);
                return;
            }
            Runnable finish;
            if (call.startsWith("invocation/") && call.endsWith("/response")) {
                finish = env.onResponse(call.substring("invocation/".length(), call.length() - "/response".length()), body);
            } else if (call.startsWith("invocation/") && call.endsWith("/error")) {
                finish = env.onError(call.substring("invocation/".length(), call.length() - "/error".length()), body,
                        request.getHeaders().get("Lambda-Runtime-Function-Error-Type"));
            } else {
                reply(response, callback, 404, "{\"errorMessage\":\"Unknown Runtime API call\",\"errorType\":\"NotFound\"}");
                return;
            }
            if (finish == null) {
                reply(response, callback, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                return;
            }
            // the runtime first: it can ask for its next event while the caller and the log store are served
            reply(response, callback, 202, ACCEPTED);
            finish.run();
        });
        return true;
    }

    private static void reply(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The runtime's parked {@code next} request. */
    private record HeldNext(Response response, Callback callback, String functionArn)
            implements ExecutionEnvironment.NextWaiter {

        @Override
        public void send(Invocation invocation, long deadlineEpochMillis) {
            response.setStatus(200);
            var headers = response.getHeaders();
            headers.put("Content-Type", "application/json");
            headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
            headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(deadlineEpochMillis));
            headers.put("Lambda-Runtime-Invoked-Function-Arn", functionArn);
            // the caller's trace, as Lambda passes it; the runtime client sets com.amazonaws.xray.traceHeader from it
            headers.put("Lambda-Runtime-Trace-Id", invocation.traceHeader != null ? invocation.traceHeader
                    : traceId(deadlineEpochMillis));
            response.write(true, ByteBuffer.wrap(invocation.payload), callback);
        }

        @Override
        public void abandon() {
            // the runtime is dead or being killed: answer quietly, nobody reads it
            reply(response, callback, 410, "{\"errorMessage\":\"Execution environment gone\",\"errorType\":\"EnvironmentGone\"}");
        }

        private static String traceId(long epochMillis) {
            String random = UUID.randomUUID().toString().replace("-", "");
            return "Root=1-" + Long.toHexString(epochMillis / 1000) + "-" + random.substring(0, 24)
                    + ";Parent=" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                    + ";Sampled=0";
        }
    }
}
