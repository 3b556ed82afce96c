package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.model.AccessLogConfig;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.AuthorizerConfig.IdentitySource;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.GatewayResponseConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.time.StageClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-built stage and a gateway over in-memory doubles. */
final class Fixture {

    static final String API = "a1b2c3d4e5";
    static final String KEY = "AbCdEfGhIjKlMnOpQrSt1234";
    static final String ACCESS_GROUP = "/turnstile/access";
    static final String ACCESS_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\","
            + "\"resourcePath\":\"$context.resourcePath\",\"status\":\"$context.status\",\"protocol\":\"$context.protocol\","
            + "\"responseLength\":\"$context.responseLength\",\"integrationLatency\":\"$context.integrationLatency\","
            + "\"errorMessage\":\"$context.error.message\",\"apiKey\":\"$context.identity.apiKey\","
            + "\"apiKeyId\":\"$context.identity.apiKeyId\",\"principal\":\"$context.authorizer.principalId\","
            + "\"tier\":\"$context.authorizer.tier\"}";

    final StageClock clock = StageClock.frozenAt(Instant.parse("2026-11-25T10:00:00Z"));
    final Doubles.FakeInvoker invoker = new Doubles.FakeInvoker();
    final Doubles.FakeEnforcer enforcer = new Doubles.FakeEnforcer();
    final Doubles.MemoryLogSink logs = new Doubles.MemoryLogSink();
    final MemoryMetricSink metrics = new MemoryMetricSink();
    final List<Route> routes = new ArrayList<>();
    final Map<String, AuthorizerConfig> authorizers = new LinkedHashMap<>();
    final Map<String, GatewayResponseConfig> gatewayResponses = new LinkedHashMap<>();
    final Map<String, String> stageVariables = new LinkedHashMap<>();
    StageModel.ApiKeySource apiKeySource = StageModel.ApiKeySource.HEADER;
    String loggingLevel = "INFO";
    boolean dataTrace = false;
    boolean metricsEnabled = false;
    String accessFormat = ACCESS_FORMAT;
    int tokenTtl = 300;
    int requestTtl = 60;
    int integrationTimeoutMillis = Route.DEFAULT_INTEGRATION_TIMEOUT_MILLIS;
    long maxBodyBytes = GatewayOptions.TEN_MB;
    private Gateway gateway;

    Fixture() {
        invoker.answer("Writer", e -> Doubles.success("{\"statusCode\":201,\"body\":\"{\\\"ok\\\":true}\"}"));
        invoker.answer("TokenAuth", e -> Doubles.success(Doubles.allowPolicy(
                "arn:aws:execute-api:us-east-1:123456789012:" + API + "/Prod/*")));
        invoker.answer("RequestAuth", e -> Doubles.success(Doubles.allowPolicy(
                "arn:aws:execute-api:us-east-1:123456789012:" + API + "/Prod/*")));
    }

    StageModel model() {
        List<Route> all = new ArrayList<>(routes);
        if (all.isEmpty()) {
            all.add(new Route("POST", "/items", "res001", "TokenAuthorizer", true, "Writer", integrationTimeoutMillis));
            all.add(new Route("GET", "/items/{id}", "res002", null, false, "Writer", integrationTimeoutMillis));
            all.add(new Route("ANY", "/proxy/{proxy+}", "res003", null, false, "Writer", integrationTimeoutMillis));
            all.add(new Route("GET", "/", "root01", null, false, "Writer", integrationTimeoutMillis));
            all.add(new Route("GET", "/req", "res004", "RequestAuthorizer", false, "Writer", integrationTimeoutMillis));
            all.add(new Route("GET", "/proxy/fixed", "res005", null, false, "Writer", integrationTimeoutMillis));
        }
        Map<String, AuthorizerConfig> auths = new LinkedHashMap<>(authorizers);
        auths.putIfAbsent("TokenAuthorizer", new AuthorizerConfig("TokenAuthorizer", "tok001", AuthorizerConfig.Type.TOKEN,
                "TokenAuth", List.of(new IdentitySource(IdentitySource.Kind.HEADER, "Authorization")),
                "allow|deny|[a-z]+", tokenTtl));
        auths.putIfAbsent("RequestAuthorizer", new AuthorizerConfig("RequestAuthorizer", "req001",
                AuthorizerConfig.Type.REQUEST, "RequestAuth",
                List.of(new IdentitySource(IdentitySource.Kind.HEADER, "X-Tenant"),
                        new IdentitySource(IdentitySource.Kind.QUERY_STRING, "q")), null, requestTtl));
        Map<String, FunctionConfig> functions = new LinkedHashMap<>();
        for (String f : List.of("Writer", "TokenAuth", "RequestAuth")) {
            functions.put(f, new FunctionConfig(f, "turnstile-" + f, "x.Y::handle", "java21", Path.of("f.jar"), 512, 3,
                    null, Map.of()));
        }
        return new StageModel(API, "Prod", "us-east-1", "123456789012", apiKeySource, all, auths, List.of(), List.of(),
                accessFormat == null ? null : new AccessLogConfig(ACCESS_GROUP, accessFormat, 30),
                List.of(new MethodSetting("/*", "*", loggingLevel, metricsEnabled, dataTrace, null, null)),
                gatewayResponses, functions, Map.of(), stageVariables, Map.of());
    }

    Gateway gateway() {
        if (gateway == null) {
            gateway = new Gateway(model(), clock, invoker, enforcer, logs, metrics, new GatewayOptions(maxBodyBytes, "dep001", "127.0.0.1", 2_000));
        }
        return gateway;
    }

    GatewayResponse send(String method, String pathAndQuery, String... headers) {
        return sendBody(method, pathAndQuery, null, headers);
    }

    GatewayResponse sendBody(String method, String pathAndQuery, String body, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        return gateway().handle(new GatewayRequest(method, path, query, Headers.of(headers),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "203.0.113.9", "HTTP/1.1"));
    }

    /** A POST /items that passes the authorizer and carries the key. */
    GatewayResponse postItem() {
        return sendBody("POST", "/Prod/items", "{\"a\":1}", "Authorization", "allow", "x-api-key", KEY,
                "User-Agent", "curl/8.5.0", "Content-Type", "application/json");
    }

    List<String> accessLines() {
        return logs.messages(ACCESS_GROUP);
    }

    List<String> executionLines() {
        return logs.messages("API-Gateway-Execution-Logs_" + API + "/Prod");
    }
}
