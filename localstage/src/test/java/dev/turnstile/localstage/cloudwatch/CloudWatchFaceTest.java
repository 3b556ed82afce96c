package dev.turnstile.localstage.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import dev.turnstile.localstage.time.StageClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The CloudWatch face in its three protocols: the SDK v2 client (Smithy RPC v2 CBOR), the AWS JSON 1.0 requests the
 * AWS CLI v1 sends (byte for byte as captured from {@code aws cloudwatch get-metric-statistics}), and Query form posts;
 * answers and errors asserted exactly, in each protocol's own shape (docs/aws-behaviour.md §8.2, §8.3).
 */
class CloudWatchFaceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:05:00Z");
    private static final long M1 = Instant.parse("2026-11-25T10:01:00Z").toEpochMilli();
    private static final long M2 = Instant.parse("2026-11-25T10:02:00Z").toEpochMilli();
    private static final Map<String, String> STAGE = Map.of("ApiName", "api", "Stage", "Prod");
    private static final MetricKey COUNT = MetricKey.of("AWS/ApiGateway", "Count", STAGE);
    private static final MetricKey LATENCY = COUNT.named("Latency");

    @TempDir
    Path dir;

    private MetricStore store;
    private LoopbackServer server;
    private CloudWatchClient cloudWatch;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = MetricStore.open(dir);
        server = LoopbackServer.start("test-cloudwatch", "127.0.0.1", 0, 8,
                ListenerLimits.services(ListenerLimits.DEFAULT_BODY_READ_TIMEOUT, ListenerLimits.DEFAULT_IDLE_TIMEOUT),
                new CloudWatchFace(store, StageClock.frozenAt(NOW)));
        cloudWatch = CloudWatchClient.builder()
                .endpointOverride(server.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        // three requests in the first minute (10, 20, 30 ms), one in the second (40 ms)
        for (long[] r : new long[][] {{M1 + 10_000, 10}, {M1 + 20_000, 20}, {M1 + 59_999, 30}, {M2 + 5_000, 40}}) {
            store.record(r[0], List.of(new MetricDatum(COUNT, MetricDatum.COUNT, 1),
                    new MetricDatum(LATENCY, MetricDatum.MILLISECONDS, r[1])));
        }
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        server.close();
        store.close();
    }

    // ---- SDK v2 (Smithy RPC v2 CBOR) --------------------------------------------------------------------------

    @Test
    void sdkGetMetricStatisticsGivesOneDatapointPerMinute() {
        List<Datapoint> points = new ArrayList<>(cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApiGateway")
                .metricName("Count").dimensions(dims()).startTime(Instant.ofEpochMilli(M1 - 60_000))
                .endTime(NOW).period(60).statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)).datapoints());

        assertThat(points).extracting(Datapoint::timestamp, Datapoint::sum, Datapoint::sampleCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(M1), 3.0, 3.0),
                        org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(M2), 1.0, 1.0));
        assertThat(points).allSatisfy(p -> assertThat(p.unitAsString()).isEqualTo("Count"));
    }

    @Test
    void sdkPercentilesAreNearestRank() {
        Datapoint first = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApiGateway").metricName("Latency")
                .dimensions(dims()).startTime(Instant.ofEpochMilli(M1)).endTime(Instant.ofEpochMilli(M2))
                .period(60).extendedStatistics("p50", "p90", "p99")).datapoints().get(0);

        assertThat(first.extendedStatistics()).containsExactlyInAnyOrderEntriesOf(
                Map.of("p50", 20.0, "p90", 30.0, "p99", 30.0));
        assertThat(first.sum()).isNull();
    }

    @Test
    void sdkGetMetricDataServesStatsAndExpressions() {
        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(Instant.ofEpochMilli(M1))
                .endTime(NOW).scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
                        stat("count", "Count", "Sum", true),
                        stat("latency", "Latency", "Maximum", false),
                        MetricDataQuery.builder().id("perrequest").expression("latency / count").build(),
                        MetricDataQuery.builder().id("twice").expression("SUM([count, count])").label("2x").build()));

        List<MetricDataResult> results = response.metricDataResults();
        assertThat(results).extracting(MetricDataResult::id).containsExactly("count", "perrequest", "twice");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(StatusCode.COMPLETE);
            assertThat(r.timestamps()).containsExactly(Instant.ofEpochMilli(M1), Instant.ofEpochMilli(M2));
        });
        assertThat(results.get(0).values()).containsExactly(3.0, 1.0);
        assertThat(results.get(0).label()).isEqualTo("Count");
        assertThat(results.get(1).values()).containsExactly(10.0, 40.0);
        assertThat(results.get(2).values()).containsExactly(6.0, 2.0);
        assertThat(results.get(2).label()).isEqualTo("2x");
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void sdkGetMetricDataPaginatesNewestFirst() {
        GetMetricDataResponse first = cloudWatch.getMetricData(r -> r.startTime(Instant.ofEpochMilli(M1)).endTime(NOW)
                .maxDatapoints(1).metricDataQueries(stat("count", "Count", "Sum", true)));
        GetMetricDataResponse second = cloudWatch.getMetricData(r -> r.startTime(Instant.ofEpochMilli(M1)).endTime(NOW)
                .maxDatapoints(1).nextToken(first.nextToken()).metricDataQueries(stat("count", "Count", "Sum", true)));

        assertThat(first.metricDataResults().get(0).values()).containsExactly(1.0);
        assertThat(second.metricDataResults().get(0).values()).containsExactly(3.0);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void sdkListMetricsFiltersByDimension() {
        store.record(M1, List.of(new MetricDatum(MetricKey.of("AWS/Lambda", "Invocations", Map.of("FunctionName", "f")),
                MetricDatum.COUNT, 1)));

        assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/ApiGateway")).metrics())
                .extracting(Metric::metricName).containsExactly("Count", "Latency");
        assertThat(cloudWatch.listMetrics(r -> r.dimensions(d -> d.name("FunctionName"))).metrics())
                .containsExactly(Metric.builder().namespace("AWS/Lambda").metricName("Invocations")
                        .dimensions(Dimension.builder().name("FunctionName").value("f").build()).build());
    }

    @Test
    void sdkErrorsAreTheModeledExceptions() {
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApiGateway").metricName("Count")
                .startTime(NOW).endTime(NOW).period(60).statistics(Statistic.SUM)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The parameter StartTime must be less than the parameter EndTime.");
                });
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApiGateway").metricName("Count")
                .startTime(NOW.minusSeconds(86_400)).endTime(NOW).period(1).statistics(Statistic.SUM)))
                .isInstanceOfSatisfying(InvalidParameterCombinationException.class, e -> assertThat(e.getMessage())
                        .startsWith("You have requested up to 86400 datapoints, which exceeds the limit of 1440."));
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(Instant.ofEpochMilli(M1)).endTime(NOW)
                .metricDataQueries(MetricDataQuery.builder().id("e").expression("FILL(e, 0)").build())))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Error in expression 'e': the local stage serves "
                        + "the functions SUM, AVG, MIN, MAX and the operators + - * /; FILL is not served."));
    }

    @Test
    void cborAnswerHasTheHeadersAndTimestampEncodingCloudWatchUses() throws Exception {
        // {"MetricDataQueries":[{"Id":"c","MetricStat":{"Metric":{"Namespace":"AWS/ApiGateway","MetricName":"Count"},
        //  "Period":60,"Stat":"Sum"}}],"StartTime":0(tag 1),"EndTime":2e9(tag 1)} — hand-encoded so no library is trusted
        store.record(M1, List.of(new MetricDatum(MetricKey.of("AWS/ApiGateway", "Count", Map.of()), MetricDatum.COUNT, 1)));
        HttpResponse<byte[]> response = post(RpcV2CborProtocol.PATH_PREFIX + "GetMetricData",
                "application/cbor", Map.of("smithy-protocol", "rpc-v2-cbor"), HexFormat.of().parseHex(
                        "a3" + "714d65747269634461746151756572696573" + "81" + "a2" + "624964" + "6163"
                                + "6a4d657472696353746174" + "a3" + "664d6574726963" + "a2"
                                + "694e616d657370616365" + "6e4157532f41706947617465776179"
                                + "6a4d65747269634e616d65" + "65436f756e74"
                                + "66506572696f64" + "183c" + "6453746174" + "6353756d"
                                + "695374617274546f6d65".replace("546f6d65", "54696d65") + "c100"
                                + "67456e6454696d65" + "c11a77359400"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/cbor");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        // "Timestamps" then an indefinite array whose first item is tag 1 over a double, as CloudWatch writes it
        assertThat(HexFormat.of().formatHex(response.body()))
                .contains(HexFormat.of().formatHex("Timestamps".getBytes(StandardCharsets.US_ASCII)) + "9fc1fb");
    }

    // ---- AWS JSON 1.0 (the AWS CLI v1) ------------------------------------------------------------------------

    @Test
    void jsonGetMetricStatisticsAsTheCliSendsIt() throws Exception {
        // the body botocore 1.43.11 sent for: aws cloudwatch get-metric-statistics --namespace AWS/ApiGateway
        //   --metric-name Count --dimensions Name=ApiName,Value=api Name=Stage,Value=Prod --period 60 --statistics Sum
        String body = "{\"Namespace\": \"AWS/ApiGateway\", \"MetricName\": \"Count\", \"Dimensions\": [{\"Name\": "
                + "\"ApiName\", \"Value\": \"api\"}, {\"Name\": \"Stage\", \"Value\": \"Prod\"}], \"StartTime\": "
                + (M1 / 1000) + ", \"EndTime\": " + (NOW.getEpochSecond()) + ", \"Period\": 60, \"Statistics\": [\"Sum\"]}";

        HttpResponse<byte[]> response = post("/", "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics", "x-amzn-query-mode", "true"),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(text(response)).isEqualTo("{\"Label\":\"Count\",\"Datapoints\":["
                + "{\"Timestamp\":" + (M1 / 1000) + ".0,\"Sum\":3.0,\"Unit\":\"Count\"},"
                + "{\"Timestamp\":" + (M2 / 1000) + ".0,\"Sum\":1.0,\"Unit\":\"Count\"}]}");
    }

    @Test
    void jsonErrorNamesTheShapeAndTheQueryCode() throws Exception {
        assertJsonError("GetMetricStatistics", "{\"Namespace\":\"AWS/ApiGateway\",\"MetricName\":\"Count\","
                        + "\"StartTime\":5,\"EndTime\":5,\"Period\":60,\"Statistics\":[\"Sum\"]}",
                "InvalidParameterValue", "InvalidParameterValueException",
                "The parameter StartTime must be less than the parameter EndTime.");
    }

    @Test
    void jsonRefusesAnOperationItDoesNotServe() throws Exception {
        assertJsonError("PutMetricData", "{}", "InvalidAction", "UnknownOperationException",
                "The local stage's CloudWatch serves ListMetrics, GetMetricData and GetMetricStatistics; "
                        + "'PutMetricData' is not served.");
    }

    private void assertJsonError(String operation, String body, String queryCode, String shape, String message)
            throws Exception {
        HttpResponse<byte[]> response = post("/", "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801." + operation), body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue(queryCode + ";Sender");
        assertThat(text(response)).isEqualTo("{\"__type\":\"com.amazonaws.cloudwatch.v2010_08_01#" + shape
                + "\",\"message\":\"" + message + "\"}");
    }

    @Test
    void otherTargetsAreLeftToOtherFaces() throws Exception {
        // the CloudWatch face passes a foreign target on; with no other face on this listener the end of the chain
        // answers it as AWS JSON services answer an unknown operation (localstage/.../server/NotFoundFace.java)
        HttpResponse<byte[]> response = post("/", "application/x-amz-json-1.1",
                Map.of("X-Amz-Target", "Logs_20140328.DescribeLogGroups"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(text(response)).isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\","
                + "\"message\":\"no local-stage service serves the operation Logs_20140328.DescribeLogGroups\"}");
    }

    // ---- AWS Query ------------------------------------------------------------------------------------------

    @Test
    void queryGetMetricStatisticsAnswersXml() throws Exception {
        String form = "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FApiGateway&MetricName=Latency"
                + "&Dimensions.member.1.Name=ApiName&Dimensions.member.1.Value=api"
                + "&Dimensions.member.2.Name=Stage&Dimensions.member.2.Value=Prod"
                + "&StartTime=2026-11-25T10%3A01%3A30Z&EndTime=2026-11-25T10%3A03%3A00Z&Period=120"
                + "&ExtendedStatistics.member.1=p50";

        HttpResponse<byte[]> response = query(form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        // 10:01:30 rounds down to 10:01; one 120 s period holds all four values: p50 of 10, 20, 30, 40 is 20
        assertThat(text(response)).isEqualTo(envelope("GetMetricStatistics", response, "<Label>Latency</Label>"
                + "<Datapoints><member><Timestamp>2026-11-25T10:01:00Z</Timestamp><Unit>Milliseconds</Unit>"
                + "<ExtendedStatistics><entry><key>p50</key><value>20.0</value></entry></ExtendedStatistics>"
                + "</member></Datapoints>"));
    }

    @Test
    void queryGetMetricDataAndListMetrics() throws Exception {
        String data = "Action=GetMetricData&Version=2010-08-01&StartTime=2026-11-25T10%3A00%3A00Z"
                + "&EndTime=2026-11-25T10%3A05%3A00Z&ScanBy=TimestampAscending&MetricDataQueries.member.1.Id=c"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FApiGateway"
                + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Count"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=ApiName"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=api"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name=Stage"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value=Prod"
                + "&MetricDataQueries.member.1.MetricStat.Period=60&MetricDataQueries.member.1.MetricStat.Stat=Sum";
        HttpResponse<byte[]> response = query(data);
        assertThat(text(response)).isEqualTo(envelope("GetMetricData", response,
                "<MetricDataResults><member><Id>c</Id><Label>Count</Label>"
                + "<Timestamps><member>2026-11-25T10:01:00Z</member><member>2026-11-25T10:02:00Z</member></Timestamps>"
                + "<Values><member>3.0</member><member>1.0</member></Values><StatusCode>Complete</StatusCode>"
                + "</member></MetricDataResults><Messages/>"));

        HttpResponse<byte[]> list = query("Action=ListMetrics&Version=2010-08-01&MetricName=Count");
        assertThat(text(list)).contains("<Metrics><member><Namespace>AWS/ApiGateway</Namespace><MetricName>Count"
                + "</MetricName><Dimensions><member><Name>ApiName</Name><Value>api</Value></member><member><Name>Stage"
                + "</Name><Value>Prod</Value></member></Dimensions></member></Metrics>");
    }

    @Test
    void queryErrorIsAnErrorResponse() throws Exception {
        HttpResponse<byte[]> response = query("Action=GetMetricStatistics&Version=2010-08-01&MetricName=Count");

        String id = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-query-error")).isEmpty();
        assertThat(text(response)).isEqualTo("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<Error><Type>Sender</Type><Code>MissingParameter</Code>"
                + "<Message>The parameter Namespace is required.</Message></Error>"
                + "<RequestId>" + id + "</RequestId></ErrorResponse>");
    }

    @Test
    void formPostsOfOtherApiVersionsAreNotOurs() throws Exception {
        HttpResponse<byte[]> response = query("Action=GetCallerIdentity&Version=2011-06-15");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static List<Dimension> dims() {
        return List.of(Dimension.builder().name("ApiName").value("api").build(),
                Dimension.builder().name("Stage").value("Prod").build());
    }

    private static MetricDataQuery stat(String id, String metric, String stat, boolean returnData) {
        return MetricDataQuery.builder().id(id).returnData(returnData).metricStat(s -> s.period(60).stat(stat)
                .metric(m -> m.namespace("AWS/ApiGateway").metricName(metric).dimensions(dims()))).build();
    }

    private HttpResponse<byte[]> query(String form) throws Exception {
        return post("/", "application/x-www-form-urlencoded; charset=utf-8", Map.of(), form.getBytes(StandardCharsets.UTF_8));
    }

    /** CloudWatch's Query envelope around an operation's result members, with the response's own request id. */
    private static String envelope(String operation, HttpResponse<byte[]> response, String result) {
        String id = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        return "<" + operation + "Response xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><" + operation
                + "Result>" + result + "</" + operation + "Result><ResponseMetadata><RequestId>" + id
                + "</RequestId></ResponseMetadata></" + operation + "Response>";
    }

    private HttpResponse<byte[]> post(String path, String contentType, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
