package dev.turnstile.localstage.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.cloudwatch.CloudWatchFace;
import dev.turnstile.localstage.cloudwatch.MetricStore;
import dev.turnstile.localstage.controlplane.DeniedOperations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The CloudFormation face as the AWS SDK for Java v2 uses it (AWS Query: form POST, XML answer) and byte for byte on
 * the wire; behind it, on the same port, the CloudWatch face still reads its own Query bodies (the form is decoded once).
 */
class CloudFormationFaceTest {

    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final StackDescription STACK = new StackDescription("turnstile",
            "arn:aws:cloudformation:us-east-1:123456789012:stack/turnstile/local", "The stack & <its> text",
            Instant.parse("2026-12-04T10:00:00.123456Z"), List.of(
                    new StackDescription.Output("InvokeUrl", "http://127.0.0.1:4000/Prod", "Base URL of the stage."),
                    new StackDescription.Output("RestApiId", "a1b2c3d4e5", null)));
    private static final String STACK_XML = "<member><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/"
            + "turnstile/local</StackId><StackName>turnstile</StackName><Description>The stack &amp; &lt;its&gt; text"
            + "</Description><CreationTime>2026-12-04T10:00:00.123Z</CreationTime><RollbackConfiguration/>"
            + "<StackStatus>CREATE_COMPLETE</StackStatus><DisableRollback>false</DisableRollback><NotificationARNs/>"
            + "<Outputs><member><Description>Base URL of the stage.</Description><OutputKey>InvokeUrl</OutputKey>"
            + "<OutputValue>http://127.0.0.1:4000/Prod</OutputValue></member><member><OutputKey>RestApiId</OutputKey>"
            + "<OutputValue>a1b2c3d4e5</OutputValue></member></Outputs><Tags/><EnableTerminationProtection>false"
            + "</EnableTerminationProtection><DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus>"
            + "</DriftInformation></member>";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private MetricStore metrics;
    private URI endpoint;

    private void start(DeniedOperations denied) throws Exception {
        metrics = MetricStore.open(dir.resolve("metrics"));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // the order of LocalStage: CloudFormation reads the form first, CloudWatch after it
        server.setHandler(new Handler.Sequence(new CloudFormationFace(() -> STACK, denied, "us-east-1", "123456789012"),
                new CloudWatchFace(metrics, Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC)),
                new DefaultHandler()));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @BeforeEach
    void startDefault() throws Exception {
        start(DeniedOperations.none());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        metrics.close();
    }

    private HttpResponse<String> post(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    }

    private CloudFormationClient sdk() {
        return CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void describeStacksIsTheQueryXmlOfTheStack() throws Exception {
        HttpResponse<String> r = post("Action=DescribeStacks&Version=2010-05-15&StackName=turnstile");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(r.body()).isEqualTo("<DescribeStacksResponse xmlns=\"" + NS + "\"><DescribeStacksResult><Stacks>"
                + STACK_XML + "</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>" + requestId(r)
                + "</RequestId></ResponseMetadata></DescribeStacksResponse>");
    }

    @Test
    void theStackIdNamesTheStackTooAndNoNameListsIt() throws Exception {
        HttpResponse<String> byId = post("Action=DescribeStacks&Version=2010-05-15&StackName="
                + "arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack%2Fturnstile%2Flocal");
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains(STACK_XML);
        HttpResponse<String> all = http.send(HttpRequest.newBuilder(endpoint.resolve(
                "/?Action=DescribeStacks&Version=2010-05-15")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains(STACK_XML);
    }

    @Test
    void theSdkReadsTheStack() {
        try (CloudFormationClient cfn = sdk()) {
            Stack stack = cfn.describeStacks(r -> r.stackName("turnstile")).stacks().get(0);
            assertThat(stack.stackName()).isEqualTo("turnstile");
            assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
            assertThat(stack.creationTime()).isEqualTo(Instant.parse("2026-12-04T10:00:00.123Z"));
            assertThat(stack.outputs()).extracting(o -> o.outputKey() + "=" + o.outputValue() + " " + o.description())
                    .containsExactly("InvokeUrl=http://127.0.0.1:4000/Prod Base URL of the stage.",
                            "RestApiId=a1b2c3d4e5 null");
        }
    }

    @Test
    void anUnknownStackIsCloudFormationsValidationError() throws Exception {
        HttpResponse<String> r = post("Action=DescribeStacks&Version=2010-05-15&StackName=other");
        assertQueryError(r, 400, "ValidationError", "Stack with id other does not exist");
        try (CloudFormationClient cfn = sdk()) {
            assertThatThrownBy(() -> cfn.describeStacks(q -> q.stackName("other")))
                    .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stack with id other does not exist");
                    });
        }
    }

    @Test
    void aDeniedOperationIsAccessDenied() throws Exception {
        stop();
        start(DeniedOperations.of(List.of("DescribeStacks")));
        HttpResponse<String> r = post("Action=DescribeStacks&Version=2010-05-15&StackName=turnstile");
        assertQueryError(r, 403, "AccessDenied", "User: arn:aws:iam::123456789012:user/turnstile-local is not "
                + "authorized to perform: cloudformation:DescribeStacks on resource: arn:aws:cloudformation:us-east-1:"
                + "123456789012:stack/turnstile/* because no identity-based policy allows the "
                + "cloudformation:DescribeStacks action");
        try (CloudFormationClient cfn = sdk()) {
            assertThatThrownBy(() -> cfn.describeStacks(q -> q.stackName("turnstile")))
                    .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
    }

    @Test
    void anotherActionIsInvalidAction() throws Exception {
        HttpResponse<String> r = post("Action=CreateStack&Version=2010-05-15&StackName=x");
        assertQueryError(r, 400, "InvalidAction", "The action CreateStack is not valid for this web service.");
    }

    /** CloudFormation's AWS Query error document, byte for byte. */
    private static void assertQueryError(HttpResponse<String> r, int status, String code, String message) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).isEqualTo("<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId(r)
                + "</RequestId></ErrorResponse>");
    }

    @Test
    void cloudWatchQueryRequestsBehindItStillReadTheirForm() throws Exception {
        // the CloudWatch SDK speaks CBOR; older clients speak Query to the same "POST /" as CloudFormation
        HttpResponse<String> r = post("Action=ListMetrics&Version=2010-08-01&Namespace=AWS%2FApiGateway");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("<ListMetricsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<ListMetricsResult><Metrics/>");
    }

    /** The API's own execute-api base URL moves onto the local listener; another API, another region, a longer host,
     * or the URL inside a longer value stay as they are. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/Prod, http://127.0.0.1:4000/Prod",
            "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com, http://127.0.0.1:4000",
            "https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/Prod, https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/Prod",
            "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/Prod, https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/Prod",
            "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.evil/Prod, https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.evil/Prod",
            "'see https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/Prod', 'see https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/Prod'"})
    void theExecuteApiBaseUrlOfTheApiBecomesTheLocalListener(String output, String expected) {
        ExecuteApiUrls urls = new ExecuteApiUrls("a1b2c3d4e5", "us-east-1", "http://127.0.0.1:4000/");
        assertThat(urls.localise(output)).isEqualTo(expected);
    }
}
