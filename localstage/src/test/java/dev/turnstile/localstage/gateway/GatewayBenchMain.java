package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.gateway.http.ExecuteApiFace;
import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.AccessLogConfig;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsageDecision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts the execute-api face on 127.0.0.1 over in-memory doubles (usage plan always THROTTLED, an
 * authorizer that allows everything, a log sink that only counts) for {@code bench/wrk}. Not a test.
 *
 * <p>Usage: {@code GatewayBenchMain [port=3000] [executionLoggingLevel=INFO]}.
 */
public final class GatewayBenchMain {

    private GatewayBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        String level = args.length > 1 ? args[1] : "INFO";
        AtomicLong logEvents = new AtomicLong();
        AtomicLong authorizerCalls = new AtomicLong();
        AtomicLong metricValues = new AtomicLong();
        String allow = "{\"principalId\":\"bench\",\"policyDocument\":{\"Statement\":[{\"Action\":\"execute-api:Invoke\","
                + "\"Effect\":\"Allow\",\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:benchapi01/Prod/*\"}]}}";
        LambdaInvoker invoker = (function, payload, trace) -> {
            if (function.equals("TokenAuth")) {
                authorizerCalls.incrementAndGet();
                return CompletableFuture.completedFuture(new InvocationResult(InvocationResult.Outcome.SUCCESS,
                        allow.getBytes(StandardCharsets.UTF_8), null, null, "bench-auth", 1));
            }
            return CompletableFuture.completedFuture(new InvocationResult(InvocationResult.Outcome.SUCCESS,
                    "{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8), null, null, "bench-writer", 1));
        };
        LogSink sink = new LogSink() {
            @Override
            public void ensureLogGroup(String logGroupName, Integer retentionDays) {
            }

            @Override
            public void ensureLogStream(String logGroupName, String logStreamName) {
            }

            @Override
            public void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
                logEvents.addAndGet(events.size());
            }
        };
        StageModel model = new StageModel("benchapi01", "Prod", "us-east-1", "123456789012", StageModel.ApiKeySource.HEADER,
                List.of(new Route("POST", "/items", "res001", "TokenAuthorizer", true, "Writer", 29_000)),
                Map.of("TokenAuthorizer", new AuthorizerConfig("TokenAuthorizer", "tok001", AuthorizerConfig.Type.TOKEN,
                        "TokenAuth", List.of(new AuthorizerConfig.IdentitySource(AuthorizerConfig.IdentitySource.Kind.HEADER,
                        "Authorization")), null, 300)),
                List.of(), List.of(),
                new AccessLogConfig("/turnstile/bench/access", "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                        + "\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\","
                        + "\"status\":\"$context.status\",\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
                        + "\"apiKeyId\":\"$context.identity.apiKeyId\",\"errorMessage\":\"$context.error.message\"}", null),
                List.of(new MethodSetting("/*", "*", level, false, false, null, null)),
                Map.of(),
                Map.of("Writer", fn("Writer"), "TokenAuth", fn("TokenAuth")),
                Map.of(), Map.of(), Map.of());
        Gateway gateway = new Gateway(model, new StageClock(), invoker,
                (route, key) -> new UsageDecision(UsageDecision.Verdict.THROTTLED, "benchkey01", "plan01",
                        "Key throttle limit exceeded for Usage Plan ID plan01. Limit: 0.00 Burst: 0"),
                sink, (timestamp, data) -> metricValues.addAndGet(data.size()), GatewayOptions.defaults("benchdep"));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ExecuteApiFace(gateway, GatewayOptions.TEN_MB));
        server.start();
        System.out.println("bench stage on http://127.0.0.1:" + connector.getLocalPort() + "/Prod (execution logging " + level + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("log events: " + logEvents.get() + ", metric values: " + metricValues.get()
                        + ", authorizer invocations: " + authorizerCalls.get())));
        server.join();
    }

    private static FunctionConfig fn(String name) {
        return new FunctionConfig(name, "bench-" + name, "x.Y::handle", "java21", Path.of("none.jar"), 128, 3, null, Map.of());
    }
}
