package dev.turnstile.stage.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import dev.turnstile.stage.profile.StageProfile.LogGroups;
import dev.turnstile.stage.profile.StageProfile.QuotaInfo;
import dev.turnstile.stage.profile.StageProfile.RouteInfo;
import dev.turnstile.stage.profile.StageProfile.ThrottleInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageProfileTest {

    private static final ApiKeyInfo STANDARD_KEY = new ApiKeyInfo("key1", "standard-key", "StandardSecretValue0001");
    private static final ApiKeyInfo SMALL_KEY = new ApiKeyInfo("key2", "small-key", "SmallSecretValue000002");

    private static StageProfile profile() {
        Map<String, String> functions = new LinkedHashMap<>();
        functions.put("WriterFunction", "turnstile-writer");
        functions.put("TokenAuthorizerFunction", "turnstile-token-authorizer");
        functions.put("RequestAuthorizerFunction", "turnstile-request-authorizer");
        return new StageProfile("aws", "eu-west-1", "https://abc.execute-api.eu-west-1.amazonaws.com/Prod", "abc",
                "Prod", null, "turnstile-items",
                new LogGroups("/turnstile/access", "API-Gateway-Execution-Logs_abc/Prod",
                        Map.of("WriterFunction", "/custom/writer", "turnstile-token-authorizer", "/by-name/token")),
                functions,
                List.of(new RouteInfo("POST", "/items", "TokenAuthorizer", true),
                        new RouteInfo("POST", "/tenant-items", "RequestAuthorizer", true)),
                List.of(new AuthorizerInfo("TokenAuthorizer", "TOKEN", null, 300, "TokenAuthorizerFunction"),
                        new AuthorizerInfo("RequestAuthorizer", "REQUEST", List.of("a", "b"), 60,
                                "RequestAuthorizerFunction")),
                List.of(new UsagePlanInfo("std1", "turnstile-standard", new ThrottleInfo(100, 200),
                                new QuotaInfo(5000, QuotaPeriod.DAY, 0), null, List.of(STANDARD_KEY)),
                        new UsagePlanInfo("sml1", "turnstile-small", new ThrottleInfo(2, 5), null, null,
                                List.of(SMALL_KEY)),
                        new UsagePlanInfo("emp1", "turnstile-empty", null, null, null, null)),
                null);
    }

    @Test
    void plansAndKeysByNameSuffix() {
        StageProfile p = profile();
        assertThat(p.plan("-small").id()).isEqualTo("sml1");
        assertThat(p.key("-standard")).isEqualTo(STANDARD_KEY);
        assertThat(p.planOfKey("key2")).map(UsagePlanInfo::id).contains("sml1");
        assertThat(p.planOfKey("nope")).isEmpty();
        assertThatThrownBy(() -> p.plan("-large")).isInstanceOf(IllegalStateException.class)
                .hasMessage("no usage plan named *-large in the profile (plans: [turnstile-standard, turnstile-small, "
                        + "turnstile-empty])");
        assertThatThrownBy(() -> p.key("-empty")).hasMessage("usage plan turnstile-empty has no API key");
    }

    @Test
    void functionsAndTheirLogGroups() {
        StageProfile p = profile();
        assertThat(p.functionName("WriterFunction")).isEqualTo("turnstile-writer");
        assertThatThrownBy(() -> p.functionName("OtherFunction"))
                .hasMessage("stage profile names no function OtherFunction (functions: [WriterFunction, "
                        + "TokenAuthorizerFunction, RequestAuthorizerFunction])");
        assertThat(p.functionLogGroup("WriterFunction")).as("by logical id").isEqualTo("/custom/writer");
        assertThat(p.functionLogGroup("TokenAuthorizerFunction")).as("by function name").isEqualTo("/by-name/token");
        assertThat(p.functionLogGroup("RequestAuthorizerFunction")).as("Lambda's default")
                .isEqualTo("/aws/lambda/turnstile-request-authorizer");
        assertThatThrownBy(() -> p.functionLogGroup("OtherFunction"))
                .hasMessageStartingWith("stage profile names no function or log group for OtherFunction");
    }

    @Test
    void authorizerTtlRoutesAndEndpoints() {
        StageProfile p = profile();
        assertThat(p.maxAuthorizerTtlSeconds()).isEqualTo(300);
        assertThat(p.route("post", "/tenant-items")).map(RouteInfo::authorizer).contains("RequestAuthorizer");
        assertThat(p.route("GET", "/items")).isEmpty();
        assertThat(p.endpoint("logs")).isEmpty();
        assertThat(new StageProfile("local", "us-east-1", "u", "a", "s", Map.of("logs", "http://127.0.0.1:9"), "t",
                null, null, null, null, null, null).endpoint("logs")).contains("http://127.0.0.1:9");
    }

    @Test
    void everyCollectionIsNonNullEvenWhenTheJsonLacksIt(@TempDir Path dir) throws Exception {
        // the shape of an older hand-written stage.json: no endpoints, functions, routes, authorizers or keys
        Path file = dir.resolve("stage.json");
        Files.writeString(file, "{\"kind\":\"local\",\"region\":\"us-east-1\",\"invokeUrl\":\"http://127.0.0.1:9/Prod\","
                + "\"logGroups\":{\"access\":\"a\"},\"usagePlans\":[{\"id\":\"p\",\"name\":\"x-small\","
                + "\"quota\":{\"limit\":7,\"period\":\"week\",\"offset\":0}}],"
                + "\"local\":{\"dataDir\":\"/tmp/x\",\"concurrencyCap\":4}}");
        StageProfile p = StageProfile.read(file);
        assertThat(p.endpoints()).isEmpty();
        assertThat(p.functions()).isEmpty();
        assertThat(p.routes()).isEmpty();
        assertThat(p.authorizers()).isEmpty();
        assertThat(p.logGroups().functions()).isEmpty();
        assertThat(p.local().prewarmedEnvironments()).isEmpty();
        UsagePlanInfo plan = p.plan("-small");
        assertThat(plan.apiKeys()).isEmpty();
        assertThat(plan.methodThrottle()).isEmpty();
        assertThat(plan.quota()).isEqualTo(new QuotaInfo(7, QuotaPeriod.WEEK, 0));
        assertThat(new StageProfile(null, null, null, null, null, null, null, null, null, null, null, null, null)
                .logGroups()).isEqualTo(new LogGroups(null, null, Map.of()));
    }

    @Test
    void writesAndReadsBackTheSameProfileAndRefusesAnUnknownPeriod(@TempDir Path dir) throws Exception {
        StageProfile p = profile();
        p.write(dir.resolve("stage.json"));
        assertThat(StageProfile.read(dir.resolve("stage.json"))).isEqualTo(p);
        assertThat(Files.readString(dir.resolve("stage.json"))).contains("\"period\" : \"DAY\"");

        Files.writeString(dir.resolve("bad.json"), "{\"usagePlans\":[{\"id\":\"p\",\"name\":\"n\","
                + "\"quota\":{\"limit\":1,\"period\":\"YEAR\"}}]}");
        assertThatThrownBy(() -> StageProfile.read(dir.resolve("bad.json")))
                .hasMessageStartingWith("stage profile " + dir.resolve("bad.json").toAbsolutePath() + " is not valid: ")
                .hasMessageContaining("unknown quota period 'YEAR' (expected DAY, WEEK or MONTH)");
    }

    @Test
    void keyValuesAreMaskedInToString() {
        assertThat(STANDARD_KEY.toString()).isEqualTo("ApiKeyInfo[id=key1, name=standard-key, value=**********0001]");
        assertThat(SecretMask.mask("abc")).isEqualTo("**********abc");
        assertThat(SecretMask.mask(null)).isEmpty();
    }
}
