package dev.turnstile.localstage.it;

import static dev.turnstile.localstage.it.ItStages.await;
import static dev.turnstile.localstage.it.ItStages.events;
import static dev.turnstile.localstage.it.ItStages.extendedRequestId;
import static dev.turnstile.localstage.it.ItStages.post;
import static dev.turnstile.localstage.it.ItStages.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The repository's {@code sam/template.yaml} on a real local stage, seen only through the AWS SDK clients and
 * plain HTTP: a 200 stores one item and writes one access-log line, disabling a key is immediate, GetUsage counts,
 * and {@code stage.json} holds every endpoint. One stage serves every method (they use different keys or
 * measure differences, so their order does not matter).
 */
class StageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    private static LocalStage stage;
    private static StageProfile profile;
    private static DynamoDbClient dynamoDb;
    private static CloudWatchLogsClient logs;
    private static ApiGatewayClient apiGateway;

    @BeforeAll
    static void start() {
        stage = LocalStage.start(LocalStageOptions.builder(ItStages.SAM_TEMPLATE, data).port(0).build());
        profile = stage.profile();
        dynamoDb = ItStages.dynamoDb(profile);
        logs = ItStages.logs(profile);
        apiGateway = ItStages.apiGateway(profile);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {dynamoDb, logs, apiGateway, stage}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + c + " failed", e);
                }
            }
        }
    }

    private static UsagePlanInfo plan(String suffix) {
        return profile.usagePlans().stream().filter(p -> p.name().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no usage plan named *" + suffix + " in " + profile.usagePlans()));
    }

    private static ApiKeyInfo key(String planSuffix) {
        return plan(planSuffix).apiKeys().get(0);
    }

    private static HttpResponse<String> postItem(ApiKeyInfo key, String body) {
        return post(profile, "/items", Map.of("x-api-key", key.value(), "authorizationToken", "allow"), body);
    }

    @Test
    void okRequestStoresExactlyOneItemAndWritesExactlyOneAccessLogLine() throws Exception {
        ApiKeyInfo key = key("-standard");
        HttpResponse<String> response = postItem(key, "{\"note\":\"it\",\"n\":7}");

        assertThat(response.statusCode()).isEqualTo(200);
        String rid = requestId(response);
        String id = extendedRequestId(response);
        assertThat(response.body()).isEqualTo("{\"id\":\"" + id + "\",\"stored\":true}");

        Map<String, AttributeValue> item = ItStages.item(dynamoDb, profile.table(), id);
        assertThat(item.get("ID").s()).isEqualTo(id);
        assertThat(item.get("payload").m()).isEqualTo(Map.of("note", AttributeValue.fromS("it"), "n", AttributeValue.fromN("7")));
        assertThat(item.get("apiKeyId").s()).isEqualTo(key.id());
        assertThat(dynamoDb.scan(r -> r.tableName(profile.table()).filterExpression("ID = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id))).consistentRead(true)).count())
                .isEqualTo(1);

        List<FilteredLogEvent> lines = await("access log line of " + rid,
                () -> events(logs, profile.logGroups().access(), "\"" + rid + "\""), e -> !e.isEmpty());
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0).message());
        assertThat(line.get("requestId").asText()).isEqualTo(rid);
        assertThat(line.get("extendedRequestId").asText()).isEqualTo(id);
        assertThat(line.get("status").asText()).isEqualTo("200");
        assertThat(line.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(line.get("resourcePath").asText()).isEqualTo("/items");
        assertThat(line.get("apiKeyId").asText()).isEqualTo(key.id());
        assertThat(line.get("responseLength").asText()).isEqualTo(Integer.toString(response.body().length()));
        assertThat(events(logs, profile.logGroups().execution(), "\"" + rid + "\""))
                .extracting(FilteredLogEvent::message).contains("(" + rid + ") Method completed with status: 200");
    }

    @Test
    void disablingAKeyAnswers403AtOnceAndEnablingItAdmitsAgain() {
        ApiKeyInfo key = key("-small");
        assertThat(postItem(key, "{}").statusCode()).isEqualTo(200);

        apiGateway.updateApiKey(r -> r.apiKey(key.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("false").build()));
        HttpResponse<String> refused = postItem(key, "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
        assertThat(refused.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(ItStages.item(dynamoDb, profile.table(), extendedRequestId(refused))).isEmpty();

        apiGateway.updateApiKey(r -> r.apiKey(key.id()).patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("true").build()));
        assertThat(postItem(key, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void getUsageCountsAdmittedRequests() {
        UsagePlanInfo plan = plan("-standard");
        ApiKeyInfo key = plan.apiKeys().get(0);
        String today = LocalDate.ofInstant(stage.clock().instant(), ZoneOffset.UTC).toString();
        List<Long> before = usageToday(plan, key, today);

        for (int i = 0; i < 3; i++) {
            assertThat(postItem(key, "{\"i\":" + i + "}").statusCode()).isEqualTo(200);
        }
        // refused before the usage plan counts: a wrong key is never metered
        assertThat(post(profile, "/items", Map.of("x-api-key", "not-a-key-0000", "authorizationToken", "allow"), "{}")
                .statusCode()).isEqualTo(403);

        List<Long> after = usageToday(plan, key, today);
        assertThat(after.get(0)).isEqualTo(before.get(0) + 3);
        assertThat(after.get(1)).isEqualTo(before.get(1) - 3);
        assertThat(after.get(0) + after.get(1)).isEqualTo(plan.quota().limit());
    }

    private static List<Long> usageToday(UsagePlanInfo plan, ApiKeyInfo key, String today) {
        Map<String, List<List<Long>>> items = apiGateway.getUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
                .startDate(today).endDate(today)).items();
        assertThat(items).containsOnlyKeys(key.id());
        assertThat(items.get(key.id())).hasSize(1);
        return items.get(key.id()).get(0);
    }

    @Test
    void stageJsonHoldsEveryEndpointAndReadsBack() {
        StageProfile read = StageProfile.read(data.resolve("stage.json"));

        assertThat(read).isEqualTo(profile);
        assertThat(read.kind()).isEqualTo("local");
        assertThat(read.invokeUrl()).matches("http://127\\.0\\.0\\.1:\\d+/Prod");
        assertThat(read.endpoints()).containsOnlyKeys("dynamodb", "logs", "cloudwatch", "apigateway", "lambda", "admin",
                "cloudformation");
        assertThat(read.endpoints().values()).allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/?"));
        assertThat(read.table()).isEqualTo(stage.model().tables().values().iterator().next().tableName());
        assertThat(read.logGroups().access()).isEqualTo("/turnstile/turnstile/access");
        assertThat(read.logGroups().execution()).isEqualTo("API-Gateway-Execution-Logs_" + read.restApiId() + "/Prod");
        assertThat(read.usagePlans()).extracting(UsagePlanInfo::name).containsExactlyInAnyOrder("turnstile-standard", "turnstile-small");
        assertThat(read.routes()).extracting(StageProfile.RouteInfo::path).contains("/items", "/tenant-items");
    }
}
