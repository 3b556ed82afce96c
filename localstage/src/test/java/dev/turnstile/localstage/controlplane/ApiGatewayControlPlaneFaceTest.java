package dev.turnstile.localstage.controlplane;

import static dev.turnstile.localstage.usageplan.StageFixture.KEY_A;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_B;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_NO_PLAN;
import static dev.turnstile.localstage.usageplan.StageFixture.KEY_OFF;
import static dev.turnstile.localstage.usageplan.StageFixture.POST_ITEMS;
import static dev.turnstile.localstage.usageplan.StageFixture.plan;
import static dev.turnstile.localstage.usageplan.StageFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import dev.turnstile.localstage.usageplan.UsagePlanService;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

class ApiGatewayControlPlaneFaceTest {

    private static final Instant CREATED = Instant.parse("2026-11-20T09:30:00Z");

    @TempDir
    Path dir;
    private final StageClock clock = StageClock.frozenAt(Instant.parse("2026-11-25T10:00:00Z"));
    private UsagePlanService service;
    private Server server;
    private ApiGatewayClient client;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        MethodSetting all = new MethodSetting("/*", "*", "INFO", true, false, null, null);
        MethodSetting post = new MethodSetting("/items", "POST", "ERROR", false, true, 50.0, 100);
        service = new UsagePlanService(stage(List.of(
                plan("pln001", new Throttle(10, 20), new Quota(50, QuotaPeriod.DAY, 0),
                        Map.of("/items/POST", new Throttle(5, 10)), KEY_A.id(), KEY_OFF.id()),
                plan("pln002", null, new Quota(1000, QuotaPeriod.MONTH, 0), Map.of(), KEY_B.id())),
                List.of(all, post)), clock, dir.resolve("usage"), new Throttle(10_000, 5_000));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ApiGatewayControlPlaneFace face = new ApiGatewayControlPlaneFace(service, clock, "turnstile-test",
                "dep123", CREATED, new Throttle(10_000, 5_000));
        server.setHandler(new Handler.Sequence(face, new DefaultHandler()));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        client = ApiGatewayClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(new JdkSdkHttpClient())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop();
        service.close();
    }

    @Test
    void getRestApis() {
        List<RestApi> apis = client.getRestApis(r -> { }).items();
        assertThat(apis).hasSize(1);
        RestApi api = apis.get(0);
        assertThat(api.id()).isEqualTo("a1b2c3d4e5");
        assertThat(api.name()).isEqualTo("turnstile-test");
        assertThat(api.createdDate()).isEqualTo(CREATED);
        assertThat(api.apiKeySourceAsString()).isEqualTo("HEADER");
    }

    @Test
    void getStagesWithMethodSettingsAndAccessLog() {
        Stage stage = client.getStages(r -> r.restApiId("a1b2c3d4e5")).item().get(0);
        assertThat(stage.stageName()).isEqualTo("Prod");
        assertThat(stage.deploymentId()).isEqualTo("dep123");
        assertThat(stage.methodSettings()).containsOnlyKeys("*/*", "items/POST");
        assertThat(stage.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(10_000.0);
        assertThat(stage.methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(5_000);
        assertThat(stage.methodSettings().get("*/*").loggingLevel()).isEqualTo("INFO");
        assertThat(stage.methodSettings().get("items/POST").throttlingRateLimit()).isEqualTo(50.0);
        assertThat(stage.methodSettings().get("items/POST").dataTraceEnabled()).isTrue();
        assertThat(stage.accessLogSettings().destinationArn())
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/access");
        assertThat(stage.accessLogSettings().format()).isEqualTo("$context.requestId");
        assertThatThrownBy(() -> client.getStages(r -> r.restApiId("nope000000")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("Invalid API identifier specified 123456789012:nope000000 (Service: ApiGateway, Status Code: 404");
    }

    @Test
    void getApiKeysWithValuesNameQueryAndPaging() {
        GetApiKeysResponse all = client.getApiKeys(r -> r.includeValues(true));
        assertThat(all.items()).extracting(ApiKey::id).containsExactly(KEY_A.id(), KEY_B.id(), KEY_OFF.id(), KEY_NO_PLAN.id());
        assertThat(all.items().get(0).value()).isEqualTo(KEY_A.value());
        assertThat(all.items().get(2).enabled()).isFalse();
        assertThat(all.position()).isNull();
        assertThat(client.getApiKeys(r -> { }).items().get(0).value()).isNull();
        assertThat(client.getApiKeys(r -> r.nameQuery("key-o")).items()).extracting(ApiKey::id).containsExactly(KEY_OFF.id());

        GetApiKeysResponse page1 = client.getApiKeys(r -> r.limit(3));
        assertThat(page1.items()).hasSize(3);
        assertThat(page1.position()).isEqualTo("3");
        GetApiKeysResponse page2 = client.getApiKeys(r -> r.limit(3).position(page1.position()));
        assertThat(page2.items()).extracting(ApiKey::id).containsExactly(KEY_NO_PLAN.id());
        assertThat(page2.position()).isNull();
        assertThat(client.getApiKeysPaginator(r -> r.limit(1)).items().stream().count()).isEqualTo(4);
        assertThatThrownBy(() -> client.getApiKeys(r -> r.limit(501))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void getApiKeyAndNotFound() {
        var key = client.getApiKey(r -> r.apiKey(KEY_A.id()).includeValue(true));
        assertThat(key.name()).isEqualTo("key-a");
        assertThat(key.value()).isEqualTo(KEY_A.value());
        assertThat(key.enabled()).isTrue();
        assertThat(key.createdDate()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(client.getApiKey(r -> r.apiKey(KEY_A.id())).value()).isNull();
        assertThatThrownBy(() -> client.getApiKey(r -> r.apiKey("nosuchkey0")))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((SdkServiceException) e).statusCode()).isEqualTo(404))
                .hasMessageStartingWith("Invalid API Key identifier specified (Service: ApiGateway, Status Code: 404");
    }

    @Test
    void updateApiKeyDisablesAtOnceAndRenames() {
        var updated = client.updateApiKey(r -> r.apiKey(KEY_A.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("false").build(),
                PatchOperation.builder().op(Op.REPLACE).path("/name").value("renamed").build(),
                PatchOperation.builder().op(Op.REPLACE).path("/description").value("for tests").build()));
        assertThat(updated.enabled()).isFalse();
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.description()).isEqualTo("for tests");
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.INVALID_API_KEY);

        client.updateApiKey(r -> r.apiKey(KEY_A.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("true").build()));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);

        assertThatThrownBy(() -> client.updateApiKey(r -> r.apiKey(KEY_A.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/value").value("x").build())))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Invalid patch path '/value' specified for op 'replace'. Must be one of:"
                        + " [/description, /enabled, /name]");
        assertThatThrownBy(() -> client.updateApiKey(r -> r.apiKey(KEY_A.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("maybe").build())))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.updateApiKey(r -> r.apiKey("nosuchkey0").patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("true").build())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void getUsagePlansAndKeys() {
        List<UsagePlan> plans = client.getUsagePlans(r -> { }).items();
        assertThat(plans).extracting(UsagePlan::id).containsExactly("pln001", "pln002");
        UsagePlan p1 = plans.get(0);
        assertThat(p1.throttle().rateLimit()).isEqualTo(10.0);
        assertThat(p1.throttle().burstLimit()).isEqualTo(20);
        assertThat(p1.quota().limit()).isEqualTo(50);
        assertThat(p1.quota().period()).isEqualTo(QuotaPeriodType.DAY);
        assertThat(p1.apiStages().get(0).apiId()).isEqualTo("a1b2c3d4e5");
        assertThat(p1.apiStages().get(0).stage()).isEqualTo("Prod");
        assertThat(p1.apiStages().get(0).throttle().get("/items/POST").rateLimit()).isEqualTo(5.0);
        assertThat(plans.get(1).throttle()).isNull();

        assertThat(client.getUsagePlans(r -> r.keyId(KEY_B.id())).items()).extracting(UsagePlan::id).containsExactly("pln002");
        assertThat(client.getUsagePlan(r -> r.usagePlanId("pln002")).quota().period()).isEqualTo(QuotaPeriodType.MONTH);
        assertThatThrownBy(() -> client.getUsagePlan(r -> r.usagePlanId("nope00")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("Invalid Usage Plan ID specified (Service: ApiGateway, Status Code: 404");

        List<UsagePlanKey> keys = client.getUsagePlanKeys(r -> r.usagePlanId("pln001")).items();
        assertThat(keys).extracting(UsagePlanKey::id).containsExactly(KEY_A.id(), KEY_OFF.id());
        assertThat(keys.get(0).type()).isEqualTo("API_KEY");
        assertThat(keys.get(0).value()).isEqualTo(KEY_A.value());
        assertThat(keys.get(0).name()).isEqualTo("key-a");
    }

    @Test
    void getUsageAndUpdateUsage() {
        for (int i = 0; i < 3; i++) {
            assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        }
        GetUsageResponse usage = client.getUsage(r -> r.usagePlanId("pln001").startDate("2026-11-24").endDate("2026-11-25"));
        assertThat(usage.usagePlanId()).isEqualTo("pln001");
        assertThat(usage.startDate()).isEqualTo("2026-11-24");
        assertThat(usage.endDate()).isEqualTo("2026-11-25");
        assertThat(usage.items()).containsOnlyKeys(KEY_A.id(), KEY_OFF.id());
        assertThat(usage.items().get(KEY_A.id())).containsExactly(List.of(0L, 50L), List.of(3L, 47L));
        assertThat(client.getUsage(r -> r.usagePlanId("pln001").keyId(KEY_A.id()).startDate("2026-11-25")
                .endDate("2026-11-25")).items()).containsOnlyKeys(KEY_A.id());

        var updated = client.updateUsage(r -> r.usagePlanId("pln001").keyId(KEY_A.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/remaining").value("1").build()));
        assertThat(updated.items()).isEqualTo(Map.of(KEY_A.id(), List.of(List.of(3L, 1L))));
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(service.check(POST_ITEMS, KEY_A.value()).verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);

        assertThatThrownBy(() -> client.getUsage(r -> r.usagePlanId("pln001").startDate("25/11/2026").endDate("2026-11-25")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Invalid startDate '25/11/2026': expected yyyy-MM-dd");
        assertThatThrownBy(() -> client.getUsage(r -> r.usagePlanId("pln001").startDate("2026-11-26").endDate("2026-11-25")))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.getUsage(r -> r.usagePlanId("pln001").keyId(KEY_B.id())
                .startDate("2026-11-25").endDate("2026-11-25")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("Invalid API Key identifier specified");
        assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId("pln001").keyId(KEY_A.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/remaining").value("-4").build())))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void rawErrorWireFormatAndUnknownPathsAreNotOurs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(endpoint.resolve("/apikeys/nosuchkey0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        assertThat(missing.body()).isEqualTo("{\"message\":\"Invalid API Key identifier specified\"}");

        HttpResponse<String> raw = http.send(HttpRequest.newBuilder(endpoint.resolve(
                "/usageplans/pln002/usage?startDate=2026-11-25&endDate=2026-11-25")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.body()).isEqualTo("{\"usagePlanId\":\"pln002\",\"startDate\":\"2026-11-25\",\"endDate\":\"2026-11-25\","
                + "\"values\":{\"" + KEY_B.id() + "\":[[0,1000]]}}");

        // DefaultHandler answers what the face declined
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(endpoint.resolve("/domainnames")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("x-amzn-ErrorType")).isEmpty();
        HttpResponse<String> deleteKey = http.send(HttpRequest.newBuilder(endpoint.resolve("/apikeys/" + KEY_A.id()))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleteKey.headers().firstValue("x-amzn-ErrorType")).isEmpty();
        assertThat(service.apiKeys().stream().map(k -> k.id()).collect(Collectors.toList())).contains(KEY_A.id());
    }
}
