package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.model.AuthorizerConfig;
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

/**
 * SAM's implicit API (docs/aws-behaviour.md §9): Api events without {@code RestApiId} make {@code ServerlessRestApi}
 * with stage {@code Prod}, configured by {@code Globals.Api} — auth, key requirement and usage plan included — and a
 * function without {@code Role} gets SAM's {@code <Function>Role}.
 */
class ImplicitApiTest {

    static final Path HELLO_WORLD = Path.of("src/test/resources/templates/hello-world-java17.yaml");

    @TempDir
    Path dir;

    @Test
    void theSamInitTemplateLoadsWithItsImplicitApiTableAndPlan() {
        StageModel m = TemplateLoader.load(HELLO_WORLD, Map.of(), dir, "us-east-1", "sam-app");

        assertThat(m.stageName()).isEqualTo("Prod");
        assertThat(m.restApiId()).matches("[a-z0-9]{10}");
        assertThat(m.routes()).extracting(Route::httpMethod, Route::resourcePath, Route::authorizerName,
                        Route::apiKeyRequired, Route::functionLogicalId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "/hello", null, false, "HelloWorldFunction"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/hello/{name}", null, true, "HelloWorldFunction"));
        String table = "sam-app-HelloTable-" + m.tables().get("HelloTable").tableName().substring(19);
        assertThat(m.tables()).isEqualTo(Map.of("HelloTable", new TableConfig("HelloTable", table,
                List.of(new TableConfig.KeyElement("id", "S", "HASH")), "PAY_PER_REQUEST")));
        assertThat(table).matches("sam-app-HelloTable-[A-Z0-9]{12}");
        assertThat(m.functions().get("HelloWorldFunction").environment())
                .isEqualTo(Map.of("PARAM1", "VALUE", "TABLE_NAME", table));
        assertThat(m.functions().get("HelloWorldFunction").runtime()).isEqualTo("java17");

        assertThat(m.usagePlans()).hasSize(1);
        UsagePlanConfig plan = m.usagePlans().get(0);
        assertThat(plan.logicalId()).isEqualTo("ServerlessRestApiUsagePlan");
        assertThat(plan.throttle()).isEqualTo(new Throttle(50, 100));
        assertThat(plan.quota()).isEqualTo(new Quota(1000, QuotaPeriod.DAY, 0));
        assertThat(m.apiKeys()).singleElement().satisfies(k -> {
            assertThat(k.logicalId()).isEqualTo("ServerlessRestApiApiKey");
            assertThat(k.enabled()).isTrue();
            assertThat(plan.apiKeyIds()).containsExactly(k.id());
        });
    }

    @Test
    void outputsReferringToSamsGeneratedResourcesResolve() {
        StageModel m = TemplateLoader.load(HELLO_WORLD, Map.of(), dir, "eu-west-1", "sam-app");

        assertThat(m.outputs()).containsOnly(
                Map.entry("HelloWorldApi", "https://" + m.restApiId() + ".execute-api.eu-west-1.amazonaws.com/Prod/hello/"),
                Map.entry("HelloWorldFunction", "arn:aws:lambda:eu-west-1:123456789012:function:"
                        + m.functions().get("HelloWorldFunction").functionName()),
                Map.entry("HelloWorldFunctionIamRole", m.outputs().get("HelloWorldFunctionIamRole")),
                Map.entry("HelloTableName", m.tables().get("HelloTable").tableName()),
                Map.entry("HelloApiKeyId", m.apiKeys().get(0).id()),
                Map.entry("HelloUsagePlanId", m.usagePlans().get(0).id()),
                Map.entry("HelloStage", "Prod"));
        assertThat(m.functions().get("HelloWorldFunction").functionName()).matches("sam-app-HelloWorldFunction-[A-Z0-9]{12}");
        assertThat(m.outputs().get("HelloWorldFunctionIamRole"))
                .matches("arn:aws:iam::123456789012:role/sam-app-HelloWorldFunctionRole-[A-Z0-9]{12}");
    }

    private StageModel load(String yaml) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, yaml);
        return TemplateLoader.load(template, Map.of(), dir, "us-east-1");
    }

    /** {@code template-cases/implicit-api.yaml} with Globals.Api, the POST event's Auth and extra resources put in. */
    private static String template(String globals, String postAuth, String resource) {
        String base = TemplateRefusalTest.read("implicit-api.yaml");
        return TemplateEdits.atMarker(TemplateEdits.atMarker(TemplateEdits.atMarker(base, "#GLOBALS", globals),
                "#POST_AUTH", postAuth), "#RESOURCE", resource);
    }

    @Test
    void globalsApiAuthConfiguresTheImplicitApiAndEventsOverrideIt() throws Exception {
        StageModel m = load(template("""
                    Auth:
                      ApiKeyRequired: true
                      DefaultAuthorizer: Tokens
                      Authorizers:
                        Tokens:
                          FunctionArn: !GetAtt Auth.Arn
                          Identity: {Header: X-Token, ReauthorizeEvery: 60}
                    StageName: Ignored""", """
                        Auth: {Authorizer: NONE, ApiKeyRequired: false, OverrideApiAuth: true}""", ""));

        assertThat(m.stageName()).isEqualTo("Prod"); // SAM fixes the implicit API's stage; Globals cannot change it
        assertThat(m.routes()).extracting(Route::httpMethod, Route::authorizerName, Route::apiKeyRequired)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "Tokens", true),
                        org.assertj.core.groups.Tuple.tuple("POST", null, false));
        assertThat(m.authorizers().get("Tokens").type()).isEqualTo(AuthorizerConfig.Type.TOKEN);
        assertThat(m.authorizers().get("Tokens").functionLogicalId()).isEqualTo("Auth");
        assertThat(m.authorizers().get("Tokens").ttlSeconds()).isEqualTo(60);
        assertThat(m.usagePlans()).isEmpty();
    }

    @Test
    void sharedUsagePlanOnTheImplicitApi() throws Exception {
        StageModel m = load(template("""
                    Auth:
                      ApiKeyRequired: true
                      UsagePlan: {CreateUsagePlan: SHARED, Throttle: {RateLimit: 5, BurstLimit: 10}}""", "", """
              Out:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Value: !Ref ServerlessApiKey}"""));

        assertThat(m.usagePlans()).singleElement().satisfies(p -> {
            assertThat(p.logicalId()).isEqualTo("ServerlessUsagePlan");
            assertThat(p.throttle()).isEqualTo(new Throttle(5, 10));
        });
        assertThat(m.apiKeys()).singleElement().satisfies(k -> assertThat(k.logicalId()).isEqualTo("ServerlessApiKey"));
    }

    @Test
    void anExplicitApiBesideImplicitEventsIsTwoApis() throws Exception {
        assertThatThrownBy(() -> load(template("TracingEnabled: true", "", """
              Api:
                Type: AWS::Serverless::Api
                Properties: {StageName: dev}""")))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessage("the local stage serves one AWS::Serverless::Api, the template declares [Api,"
                        + " ServerlessRestApi (the implicit API of Api events without RestApiId)]");
    }

    @Test
    void aResourceNamedServerlessRestApiBesideImplicitEventsIsRefused() throws Exception {
        assertThatThrownBy(() -> load(template("TracingEnabled: true", "", """
              ServerlessRestApi:
                Type: AWS::SNS::Topic""")))
                .isExactlyInstanceOf(TemplateException.class)
                .hasMessage("ServerlessRestApi: the logical id SAM gives the implicit API of [Fn.Events.Get,"
                        + " Fn.Events.Post] (Api events without RestApiId) is taken by a resource of the template;"
                        + " rename it");
    }

    @Test
    void aFunctionWithItsOwnRoleHasNoGeneratedRole() throws Exception {
        String yaml = (template("TracingEnabled: true", "", "") + "Outputs:\n  R: {Value: !GetAtt FnRole.Arn}\n").replace("Handler: a.B::handle",
                "Handler: a.B::handle\n      Role: arn:aws:iam::123456789012:role/mine");
        assertThatThrownBy(() -> load(yaml))
                .isExactlyInstanceOf(TemplateException.class)
                .hasMessage("Outputs.R.Value: Fn::GetAtt refers to FnRole, which is not a resource");
    }
}
