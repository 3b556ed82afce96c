package dev.turnstile.localstage.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.gateway.RequestIds;
import dev.turnstile.localstage.it.testfunctions.HelloMessage;
import dev.turnstile.localstage.it.testfunctions.HelloWorldHandler;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.RouteInfo;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A team's own ordinary SAM template runs: the {@code sam init} java17 Hello World ({@code
 * templates/hello-world-java17.yaml}, implicit ServerlessRestApi, a SimpleTable, a PER_API usage plan from
 * {@code Globals.Api}) with its function laid out as {@code sam build} leaves it, on a real local stage (RIC
 * environment, dynalite). Also where the caller's trace is followed into the function (docs/aws-behaviour.md §5.4).
 */
class SamInitTemplateIT {

    private static final String FULL_TRACE = "Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    private static LocalStage stage;
    private static StageProfile profile;

    @BeforeAll
    static void start() {
        stage = ItStages.startFromResource(work, "/templates/hello-world-java17.yaml", "sam-app",
                dir -> TestFunctionJar.writeBuiltFunction(dir.resolve("HelloWorldFunction"), HelloWorldHandler.class,
                        HelloMessage.class));
        profile = stage.profile();
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(profile.invokeUrl() + path))
                .timeout(Duration.ofSeconds(40)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String table() {
        return stage.model().tables().get("HelloTable").tableName();
    }

    @Test
    void theHelloWorldFunctionAnswersThroughTheImplicitApiWithTheCallersTrace() {
        HttpResponse<String> r = send("GET", "/hello", "X-Amzn-Trace-Id", FULL_TRACE);

        String body = "{\"message\":\"hello world\",\"table\":\"" + table() + "\",\"trace\":\"" + FULL_TRACE
                + "\",\"eventTrace\":\"" + FULL_TRACE + "\"}";
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("X-Custom-Header")).hasValue("application/json");
        assertThat(r.headers().firstValue("X-Amzn-Trace-Id")).hasValue(FULL_TRACE);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(v -> assertThat(RequestIds.isUuid(v)).isTrue());
        assertThat(r.headers().firstValue("x-amz-apigw-id")).hasValueSatisfying(v -> assertThat(v).matches("[A-Za-z0-9+/]{15}="));
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).isEmpty();
    }

    @Test
    void withoutACallersTraceTheFunctionGetsTheGatewaysFreshOne() {
        HttpResponse<String> r = send("GET", "/hello/");

        String trace = r.headers().firstValue("X-Amzn-Trace-Id").orElseThrow();
        assertThat(trace).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(r.body()).isEqualTo("{\"message\":\"hello world\",\"table\":\"" + table() + "\",\"trace\":\"" + trace
                + "\",\"eventTrace\":\"" + trace.substring(0, trace.indexOf(';')) + "\"}");
    }

    @Test
    void theMethodThatRequiresAKeyIsGuardedByTheImplicitUsagePlan() {
        HttpResponse<String> refused = send("PUT", "/hello/ana");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");

        String key = profile.usagePlans().get(0).firstKey().value();
        HttpResponse<String> served = send("PUT", "/hello/ana", "x-api-key", key);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).startsWith("{\"message\":\"hello ana\",\"table\":\"" + table() + "\",");
    }

    @Test
    void theProfileHasTheRoutesThePlanAndTheTable() {
        assertThat(profile.stageName()).isEqualTo("Prod");
        assertThat(profile.invokeUrl()).endsWith("/Prod");
        assertThat(profile.restApiId()).isEqualTo(stage.model().restApiId());
        assertThat(profile.routes()).containsExactly(new RouteInfo("GET", "/hello", null, false),
                new RouteInfo("PUT", "/hello/{name}", null, true));
        assertThat(profile.usagePlans()).singleElement().satisfies(plan -> {
            assertThat(plan.id()).isEqualTo(stage.model().outputs().get("HelloUsagePlanId"));
            assertThat(plan.throttle()).isEqualTo(new StageProfile.ThrottleInfo(50, 100));
            assertThat(plan.quota()).isEqualTo(new StageProfile.QuotaInfo(1000, QuotaPeriod.DAY, 0));
            assertThat(plan.firstKey().id()).isEqualTo(stage.model().outputs().get("HelloApiKeyId"));
            assertThat(plan.firstKey().value()).matches("[A-Za-z0-9]{40}");
        });
        assertThat(profile.table()).isEqualTo(table());
        assertThat(stage.model().outputs()).containsEntry("HelloWorldApi",
                "https://" + profile.restApiId() + ".execute-api." + profile.region() + ".amazonaws.com/Prod/hello/");
    }

    @Test
    void theSimpleTableIsCreatedWithItsPrimaryKey() {
        try (DynamoDbClient dynamoDb = ItStages.dynamoDb(profile)) {
            TableDescription t = dynamoDb.describeTable(b -> b.tableName(table())).table();
            assertThat(t.keySchema()).containsExactly(KeySchemaElement.builder().attributeName("id").keyType("HASH").build());
            assertThat(t.attributeDefinitions()).containsExactly(
                    AttributeDefinition.builder().attributeName("id").attributeType("S").build());
        }
    }
}
