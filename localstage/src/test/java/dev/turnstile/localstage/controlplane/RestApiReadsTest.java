package dev.turnstile.localstage.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.template.TemplateLoader;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsagePlanService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * The API Gateway reads of stack discovery — GetStage, GetResources ({@code embed=methods}, paged), GetAuthorizers —
 * byte for byte and through the SDK, on the contract template's model; and {@code --deny}'s 403
 * {@code AccessDeniedException}.
 */
class RestApiReadsTest {

    private static final Path CONTRACT = Path.of("src/test/resources/templates/contract-template.yaml");
    private static final Instant CREATED = Instant.parse("2026-11-20T09:30:00Z");

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private StageModel model;
    private UsagePlanService service;
    private Server server;
    private URI endpoint;

    private void start(DeniedOperations denied) throws Exception {
        model = TemplateLoader.load(CONTRACT, Map.of(), dir.resolve("data"), "eu-west-1");
        StageClock clock = StageClock.frozenAt(Instant.parse("2026-11-25T10:00:00Z"));
        service = new UsagePlanService(model, clock, dir.resolve("usage"), new Throttle(10_000, 5_000));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(new ApiGatewayControlPlaneFace(service, clock, "api", "dep123", CREATED,
                new Throttle(10_000, 5_000), denied), new DefaultHandler()));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
            service.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private ApiGatewayClient sdk() {
        return ApiGatewayClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(new JdkSdkHttpClient()).build();
    }

    private Route route(String path) {
        return model.routes().stream().filter(r -> r.resourcePath().equals(path)).findFirst().orElseThrow();
    }

    private String lambdaUri(String function) {
        return "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:"
                + "function:" + function + "/invocations";
    }

    @Test
    void getResourcesEmbedsMethodsAsTheServiceModelShapesThem() throws Exception {
        start(DeniedOperations.none());
        HttpResponse<String> r = get("/restapis/" + model.restApiId() + "/resources?embed=methods");
        assertThat(r.statusCode()).isEqualTo(200);
        Route items = route("/items");
        Route tenant = route("/tenant-items");
        String root = r.body().substring(r.body().indexOf("{\"id\":\"") + 7, r.body().indexOf("{\"id\":\"") + 17);
        AuthorizerConfig token = model.authorizers().get(items.authorizerName());
        AuthorizerConfig request = model.authorizers().get(tenant.authorizerName());
        assertThat(r.body()).isEqualTo("{\"item\":[{\"id\":\"" + root + "\",\"path\":\"/\"},"
                + "{\"id\":\"" + items.resourceId() + "\",\"parentId\":\"" + root + "\",\"pathPart\":\"items\","
                + "\"path\":\"/items\",\"resourceMethods\":{\"POST\":{\"httpMethod\":\"POST\",\"authorizationType\":"
                + "\"CUSTOM\",\"authorizerId\":\"" + token.id() + "\",\"apiKeyRequired\":true,\"methodIntegration\":{"
                + "\"type\":\"AWS_PROXY\",\"httpMethod\":\"POST\",\"uri\":\"" + lambdaUri("turnstile-writer") + "\","
                + "\"passthroughBehavior\":\"WHEN_NO_MATCH\",\"contentHandling\":\"CONVERT_TO_TEXT\",\"timeoutInMillis\":"
                + "29000,\"cacheNamespace\":\"" + items.resourceId() + "\",\"cacheKeyParameters\":[]}}}},"
                + "{\"id\":\"" + tenant.resourceId() + "\",\"parentId\":\"" + root + "\",\"pathPart\":\"tenant-items\","
                + "\"path\":\"/tenant-items\",\"resourceMethods\":{\"POST\":{\"httpMethod\":\"POST\",\"authorizationType\":"
                + "\"CUSTOM\",\"authorizerId\":\"" + request.id() + "\",\"apiKeyRequired\":true,\"methodIntegration\":{"
                + "\"type\":\"AWS_PROXY\",\"httpMethod\":\"POST\",\"uri\":\"" + lambdaUri("turnstile-writer") + "\","
                + "\"passthroughBehavior\":\"WHEN_NO_MATCH\",\"contentHandling\":\"CONVERT_TO_TEXT\",\"timeoutInMillis\":"
                + "29000,\"cacheNamespace\":\"" + tenant.resourceId() + "\",\"cacheKeyParameters\":[]}}}}]}");
        // without embed, the methods are named but empty, as on AWS
        assertThat(get("/restapis/" + model.restApiId() + "/resources").body())
                .contains("\"resourceMethods\":{\"POST\":{}}");
    }

    @Test
    void theSdkPagesThroughResourcesAndReadsAuthorizersAndTheStage() throws Exception {
        start(DeniedOperations.none());
        try (ApiGatewayClient apigw = sdk()) {
            // limit 1: three pages joined by position
            List<Resource> resources = apigw.getResourcesPaginator(r -> r.restApiId(model.restApiId()).embed("methods")
                    .limit(1)).items().stream().toList();
            assertThat(resources).extracting(Resource::path).containsExactly("/", "/items", "/tenant-items");
            Method post = resources.get(1).resourceMethods().get("POST");
            assertThat(post.authorizerId()).isEqualTo(model.authorizers().get(route("/items").authorizerName()).id());
            assertThat(post.methodIntegration().uri()).isEqualTo(lambdaUri("turnstile-writer"));

            List<Authorizer> authorizers = apigw.getAuthorizers(r -> r.restApiId(model.restApiId()).limit(500)).items();
            assertThat(authorizers).extracting(a -> a.name() + " " + a.typeAsString() + " " + a.identitySource() + " "
                    + a.authorizerResultTtlInSeconds() + " " + a.authorizerUri()).containsExactlyInAnyOrder(
                    "TokenAuthorizer TOKEN method.request.header.authorizationToken 300 " + lambdaUri("turnstile-token-authorizer"),
                    "RequestAuthorizer REQUEST method.request.header.authorizationToken, method.request.querystring.tenant"
                            + " 300 " + lambdaUri("turnstile-request-authorizer"));

            GetStageResponse stage = apigw.getStage(r -> r.restApiId(model.restApiId()).stageName("Prod"));
            assertThat(stage.stageName()).isEqualTo("Prod");
            assertThat(stage.deploymentId()).isEqualTo("dep123");
            assertThat(stage.accessLogSettings().destinationArn()).isEqualTo("arn:aws:logs:eu-west-1:123456789012:"
                    + "log-group:" + model.accessLog().logGroupName());
            assertThatThrownBy(() -> apigw.getStage(r -> r.restApiId(model.restApiId()).stageName("Beta")))
                    .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Invalid stage identifier specified");
        }
    }

    @Test
    void aDeniedReadIsAccessDeniedException() throws Exception {
        start(DeniedOperations.of(List.of("GetAuthorizers")));
        String path = "/restapis/" + model.restApiId() + "/authorizers";
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
        assertThat(r.body()).isEqualTo("{\"message\":\"User: arn:aws:iam::123456789012:user/turnstile-local is not "
                + "authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-1::" + path
                + " because no identity-based policy allows the apigateway:GET action\"}");
        assertThat(get("/restapis/" + model.restApiId() + "/resources").statusCode()).isEqualTo(200);
        try (ApiGatewayClient apigw = sdk()) {
            assertThatThrownBy(() -> apigw.getAuthorizers(q -> q.restApiId(model.restApiId())))
                    .isInstanceOfSatisfying(ApiGatewayException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    });
        }
    }

    @Test
    void anUnknownOperationNameIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> DeniedOperations.parse("GetApiKeys,GetStagez,DescribeStack"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--deny names operations the local stage does not serve: [DescribeStack, GetStagez] "
                        + "(CloudFormation: " + DeniedOperations.CLOUDFORMATION + "; API Gateway: "
                        + DeniedOperations.API_GATEWAY + ")");
        assertThat(DeniedOperations.parse("GetApiKeys, DescribeStacks").names())
                .containsExactly("DescribeStacks", "GetApiKeys");
    }
}
