package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.model.AccessLogConfig;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.AuthorizerConfig.IdentitySource;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.TableConfig;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLoaderContractTest {

    static final Path CONTRACT = Path.of("src/test/resources/templates/contract-template.yaml");

    @TempDir
    Path dataDir;

    private StageModel load(Map<String, String> overrides) {
        return TemplateLoader.load(CONTRACT, overrides, dataDir, "eu-west-1");
    }

    @Test
    void routesCarryAuthorizersAndKeyFlags() {
        StageModel m = load(Map.of());
        assertThat(m.stageName()).isEqualTo("Prod");
        assertThat(m.restApiId()).matches("[a-z0-9]{10}");
        assertThat(m.apiKeySource()).isEqualTo(StageModel.ApiKeySource.HEADER);
        assertThat(m.routes()).hasSize(2);
        Route items = m.routes().get(0);
        Route tenant = m.routes().get(1);
        assertThat(items).isEqualTo(new Route("POST", "/items", items.resourceId(), "TokenAuthorizer", true,
                "WriterFunction", 29_000));
        assertThat(tenant).isEqualTo(new Route("POST", "/tenant-items", tenant.resourceId(), "RequestAuthorizer", true,
                "WriterFunction", 29_000));
        assertThat(items.resourceId()).matches("[a-z0-9]{6}").isNotEqualTo(tenant.resourceId());
    }

    @Test
    void authorizersFromSamAuth() {
        StageModel m = load(Map.of("AuthorizerTtl", "60"));
        AuthorizerConfig token = m.authorizers().get("TokenAuthorizer");
        assertThat(token.type()).isEqualTo(AuthorizerConfig.Type.TOKEN);
        assertThat(token.functionLogicalId()).isEqualTo("TokenAuthorizerFunction");
        assertThat(token.identitySources()).containsExactly(
                new IdentitySource(IdentitySource.Kind.HEADER, "authorizationToken"));
        assertThat(token.validationExpression()).isNull();
        assertThat(token.ttlSeconds()).isEqualTo(60);
        assertThat(token.id()).matches("[a-z0-9]{6}");
        AuthorizerConfig request = m.authorizers().get("RequestAuthorizer");
        assertThat(request.type()).isEqualTo(AuthorizerConfig.Type.REQUEST);
        assertThat(request.functionLogicalId()).isEqualTo("RequestAuthorizerFunction");
        assertThat(request.identitySources().stream().map(IdentitySource::expression).toList())
                .containsExactly("method.request.header.authorizationToken", "method.request.querystring.tenant");
        assertThat(request.ttlSeconds()).isEqualTo(60);
    }

    @Test
    void bothUsagePlansWithThrottlesQuotasAndKeys() {
        StageModel m = load(Map.of("QuotaPeriod", "WEEK", "SmallQuotaLimit", "7"));
        assertThat(m.usagePlans()).hasSize(2);
        UsagePlanConfig standard = m.usagePlans().get(0);
        UsagePlanConfig small = m.usagePlans().get(1);
        assertThat(standard.logicalId()).isEqualTo("TurnstileApiUsagePlan");
        assertThat(standard.name()).isEqualTo("turnstile-standard");
        assertThat(standard.throttle()).isEqualTo(new Throttle(100, 200));
        assertThat(standard.quota()).isEqualTo(new Quota(5000, QuotaPeriod.WEEK, 0));
        assertThat(standard.methodThrottle()).isEmpty();
        assertThat(small.logicalId()).isEqualTo("SmallUsagePlan");
        assertThat(small.name()).isEqualTo("turnstile-small");
        assertThat(small.throttle()).isEqualTo(new Throttle(10, 20));
        assertThat(small.quota()).isEqualTo(new Quota(7, QuotaPeriod.DAY, 0));
        assertThat(standard.id()).matches("[a-z0-9]{6}").isNotEqualTo(small.id());

        assertThat(m.apiKeys()).hasSize(2);
        ApiKeyConfig standardKey = m.apiKeys().get(0);
        ApiKeyConfig smallKey = m.apiKeys().get(1);
        assertThat(standardKey.logicalId()).isEqualTo("TurnstileApiApiKey");
        assertThat(standardKey.name()).matches("turnstile-TurnstileApiApiKey-[A-Z0-9]{12}");
        assertThat(standardKey.enabled()).isTrue();
        assertThat(standardKey.value()).matches("[A-Za-z0-9]{40}");
        assertThat(smallKey.name()).isEqualTo("turnstile-small-key");
        assertThat(smallKey.enabled()).isTrue();
        assertThat(smallKey.id()).matches("[a-z0-9]{10}");
        assertThat(standard.apiKeyIds()).containsExactly(standardKey.id());
        assertThat(small.apiKeyIds()).containsExactly(smallKey.id());
    }

    @Test
    void accessLogGroupFormatAndMethodSettings() throws Exception {
        StageModel m = load(Map.of());
        String format = Files.readAllLines(CONTRACT).stream().filter(l -> l.contains("Format: '"))
                .findFirst().orElseThrow().trim();
        format = format.substring("Format: '".length(), format.length() - 1);
        assertThat(m.accessLog()).isEqualTo(new AccessLogConfig("/turnstile/turnstile/access", format, 14));
        assertThat(m.methodSettings()).containsExactly(new MethodSetting("/*", "*", "INFO", true, false, null, null));
        assertThat(m.methodSetting("/items", "POST")).contains(m.methodSettings().get(0));
        assertThat(m.gatewayResponses()).isEmpty();
        assertThat(m.stageVariables()).isEmpty();
    }

    @Test
    void functionsWithGlobalsAndResolvedEnvironment() {
        StageModel m = load(Map.of("AllowedTenants", "t1,t2,t3"));
        FunctionConfig writer = m.functions().get("WriterFunction");
        assertThat(writer).isEqualTo(new FunctionConfig("WriterFunction", "turnstile-writer",
                "dev.turnstile.functions.writer.WriterHandler::handleRequest", "java21",
                CONTRACT.toAbsolutePath().getParent().resolve("../functions/target/turnstile-functions.jar").normalize(),
                512, 10, null, Map.of("TABLE_NAME", "turnstile-items")));
        assertThat(m.functions().get("RequestAuthorizerFunction").environment())
                .isEqualTo(Map.of("ALLOWED_TENANTS", "t1,t2,t3"));
        assertThat(m.functions().get("TokenAuthorizerFunction").functionName()).isEqualTo("turnstile-token-authorizer");
        assertThat(m.tables()).isEqualTo(Map.of("ItemsTable", new TableConfig("ItemsTable", "turnstile-items",
                List.of(new TableConfig.KeyElement("ID", "S", "HASH")), "PAY_PER_REQUEST")));
    }

    @Test
    void outputsResolved() {
        StageModel m = TemplateLoader.load(CONTRACT, Map.of("StageName", "Beta"), dataDir, "eu-west-1", "ts2");
        String id = m.restApiId();
        assertThat(m.outputs()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("InvokeUrl", "https://" + id + ".execute-api.eu-west-1.amazonaws.com/Beta"),
                Map.entry("RestApiId", id),
                Map.entry("StageName", "Beta"),
                Map.entry("TableName", "ts2-items"),
                Map.entry("AccessLogGroupName", "/turnstile/ts2/access"),
                Map.entry("ExecutionLogGroupName", "API-Gateway-Execution-Logs_" + id + "/Beta"),
                Map.entry("StandardUsagePlanId", m.usagePlans().get(0).id()),
                Map.entry("StandardApiKeyId", m.apiKeys().get(0).id()),
                Map.entry("SmallUsagePlanId", m.usagePlans().get(1).id()),
                Map.entry("SmallApiKeyId", m.apiKeys().get(1).id()),
                Map.entry("WriterFunctionName", "ts2-writer"),
                Map.entry("TokenAuthorizerFunctionName", "ts2-token-authorizer"),
                Map.entry("RequestAuthorizerFunctionName", "ts2-request-authorizer")));
        assertThat(m.executionLogGroup()).isEqualTo(m.outputs().get("ExecutionLogGroupName"));
    }

    @Test
    void idsAndKeyValuesPersistAcrossLoadsOfTheSameDataDir(@TempDir Path otherDir) throws Exception {
        StageModel first = load(Map.of());
        assertThat(dataDir.resolve("state/ids.json")).exists();
        StageModel second = load(Map.of());
        assertThat(second).isEqualTo(first);
        assertThat(second.apiKeys().get(0).value()).isEqualTo(first.apiKeys().get(0).value());
        StageModel elsewhere = TemplateLoader.load(CONTRACT, Map.of(), otherDir, "eu-west-1");
        assertThat(elsewhere.restApiId()).isNotEqualTo(first.restApiId());
        assertThat(elsewhere.apiKeys().get(0).value()).isNotEqualTo(first.apiKeys().get(0).value());
        assertThat(Files.list(dataDir.resolve("state")).map(p -> p.getFileName().toString()).toList())
                .containsExactly("ids.json");
    }
}
