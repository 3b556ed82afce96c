package dev.turnstile.localstage.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.logs.LogSink.LogEvent;
import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import dev.turnstile.localstage.time.StageClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;

class CloudWatchLogsFaceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final long T = NOW.toEpochMilli();

    @TempDir
    Path dir;

    private final StageClock clock = StageClock.frozenAt(NOW);
    private LogStore store;
    private LoopbackServer server;
    private URI endpoint;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void start() throws Exception {
        store = LogStore.open(dir, clock);
        // the stage's own listener, as LocalStage starts the CloudWatch Logs face
        server = LoopbackServer.start("test-logs", "127.0.0.1", 0, 8, ListenerLimits.services(ListenerLimits.DEFAULT_BODY_READ_TIMEOUT, ListenerLimits.DEFAULT_IDLE_TIMEOUT),
                new CloudWatchLogsFace(store, "us-east-1", "000000000000"));
        endpoint = server.uri();
        logs = CloudWatchLogsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        logs.close();
        server.close();
        store.close();
    }

    @Test
    void everyOperationThroughTheSdk() {
        logs.createLogGroup(b -> b.logGroupName("/aws/lambda/Writer"));
        clock.advance(Duration.ofMillis(5));
        logs.createLogStream(b -> b.logGroupName("/aws/lambda/Writer").logStreamName("2026/11/25/[$LATEST]aa"));
        PutLogEventsResponse put = logs.putLogEvents(b -> b.logGroupName("/aws/lambda/Writer")
                .logStreamName("2026/11/25/[$LATEST]aa")
                .logEvents(event(T - 10, "START RequestId: 1\n"), event(T - 5, "{\"status\":\"429\"}")));
        assertThat(put.rejectedLogEventsInfo()).isNull();
        assertThat(put.nextSequenceToken()).hasSize(56);

        LogGroup group = logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/")).logGroups().get(0);
        assertThat(group.logGroupName()).isEqualTo("/aws/lambda/Writer");
        assertThat(group.creationTime()).isEqualTo(T);
        assertThat(group.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/Writer:*");
        assertThat(group.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/Writer");
        assertThat(group.storedBytes()).isEqualTo(35); // UTF-8 bytes of the two messages
        assertThat(group.metricFilterCount()).isZero();
        assertThat(group.logGroupClassAsString()).isEqualTo("STANDARD");
        assertThat(group.retentionInDays()).isNull();

        LogStream stream = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/Writer")).logStreams().get(0);
        assertThat(stream.logStreamName()).isEqualTo("2026/11/25/[$LATEST]aa");
        assertThat(stream.creationTime()).isEqualTo(T + 5);
        assertThat(stream.firstEventTimestamp()).isEqualTo(T - 10);
        assertThat(stream.lastEventTimestamp()).isEqualTo(T - 5);
        assertThat(stream.lastIngestionTime()).isEqualTo(T + 5);
        assertThat(stream.storedBytes()).isEqualTo(35);
        assertThat(stream.arn()).isEqualTo(
                "arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/Writer:log-stream:2026/11/25/[$LATEST]aa");

        GetLogEventsResponse got = logs.getLogEvents(b -> b.logGroupName("/aws/lambda/Writer")
                .logStreamName("2026/11/25/[$LATEST]aa"));
        assertThat(got.events()).extracting(OutputLogEvent::message)
                .containsExactly("START RequestId: 1\n", "{\"status\":\"429\"}");
        assertThat(got.events().get(0).ingestionTime()).isEqualTo(T + 5);
        assertThat(got.nextForwardToken()).matches("f/[0-9]{56}");
        assertThat(got.nextBackwardToken()).matches("b/[0-9]{56}");

        FilterLogEventsResponse filtered = logs.filterLogEvents(b -> b
                .logGroupIdentifier("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/Writer:*")
                .filterPattern("{ $.status = 429 }"));
        assertThat(filtered.events()).hasSize(1);
        FilteredLogEvent hit = filtered.events().get(0);
        assertThat(hit.logStreamName()).isEqualTo("2026/11/25/[$LATEST]aa");
        assertThat(hit.timestamp()).isEqualTo(T - 5);
        assertThat(hit.eventId()).matches("[0-9]{56}");
        assertThat(filtered.searchedLogStreams()).singleElement()
                .satisfies(s -> assertThat(s.searchedCompletely()).isTrue());
        assertThat(filtered.nextToken()).isNull();

        logs.putRetentionPolicy(b -> b.logGroupName("/aws/lambda/Writer").retentionInDays(7));
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePattern("LAMBDA")).logGroups().get(0).retentionInDays())
                .isEqualTo(7);
        logs.deleteRetentionPolicy(b -> b.logGroupName("/aws/lambda/Writer"));
        assertThat(logs.describeLogGroups().logGroups().get(0).retentionInDays()).isNull();

        logs.deleteLogStream(b -> b.logGroupName("/aws/lambda/Writer").logStreamName("2026/11/25/[$LATEST]aa"));
        assertThat(logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/Writer")).logStreams()).isEmpty();
        logs.deleteLogGroup(b -> b.logGroupName("/aws/lambda/Writer"));
        assertThat(logs.describeLogGroups().logGroups()).isEmpty();
    }

    @Test
    void validatedErrorTexts() {
        logs.createLogGroup(b -> b.logGroupName("g"));
        logs.createLogStream(b -> b.logGroupName("g").logStreamName("s"));
        String longName = "a".repeat(513);
        assertError(() -> logs.createLogGroup(b -> b.logGroupName("g")),
                "ResourceAlreadyExistsException", "The specified log group already exists");
        assertError(() -> logs.createLogStream(b -> b.logGroupName("g").logStreamName("s")),
                "ResourceAlreadyExistsException", "The specified log stream already exists");
        assertError(() -> logs.createLogStream(b -> b.logGroupName("missing").logStreamName("s")),
                "ResourceNotFoundException", "The specified log group does not exist.");
        assertError(() -> logs.getLogEvents(b -> b.logGroupName("g").logStreamName("missing")),
                "ResourceNotFoundException", "The specified log stream does not exist.");
        assertError(() -> logs.putLogEvents(b -> b.logGroupName("g").logStreamName("s")
                        .logEvents(event(T, "b"), event(T - 1, "a"))),
                "InvalidParameterException",
                "Log events in a single PutLogEvents request must be in chronological order.");
        assertError(() -> logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s").nextToken("f/nope")),
                "InvalidParameterException", "The specified nextToken is invalid.");
        assertError(() -> logs.filterLogEvents(b -> b.logGroupName("g").nextToken("garbage!")),
                "InvalidParameterException", "The specified nextToken is invalid.");
        assertError(() -> logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s").limit(10001)),
                "InvalidParameterException", "1 validation error detected: Value '10001' at 'limit' failed to "
                        + "satisfy constraint: Member must have value less than or equal to 10000");
        assertError(() -> logs.filterLogEvents(b -> b.logGroupName("g").limit(10001)),
                "InvalidParameterException", "1 validation error detected: Value '10001' at 'limit' failed to "
                        + "satisfy constraint: Member must have value less than or equal to 10000");
        assertError(() -> logs.createLogGroup(b -> b.logGroupName(longName)), "InvalidParameterException",
                "Invalid LogGroup or LogStream, both must have length less than or equal to 512.");
        assertError(() -> logs.createLogStream(b -> b.logGroupName("g").logStreamName(longName)),
                "InvalidParameterException",
                "Invalid LogGroup or LogStream, both must have length less than or equal to 512.");
        assertError(() -> logs.describeLogGroups(b -> b.logGroupNamePrefix("a").logGroupNamePattern("b")),
                "InvalidParameterException",
                "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        assertError(() -> logs.describeLogStreams(b -> b.logGroupName("g").logGroupIdentifier("g")),
                "ValidationException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        assertError(() -> logs.putRetentionPolicy(b -> b.logGroupName("g").retentionInDays(2)),
                "InvalidParameterException", "1 validation error detected: Value '2' at 'retentionInDays' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: " + LogsApi.RETENTION_DAYS);
        assertError(() -> logs.filterLogEvents(b -> b.logGroupName("g").filterPattern("{ $.a = ")),
                "InvalidParameterException", "Invalid filter pattern");
        assertError(() -> logs.describeLogStreams(b -> b.logGroupName("g").logStreamNamePrefix("s")
                        .orderBy(OrderBy.LAST_EVENT_TIME)),
                "InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        assertError(() -> logs.deleteLogGroup(b -> b.logGroupName("missing")),
                "ResourceNotFoundException", "The specified log group does not exist.");
    }

    @Test
    void tooOldAndTooNewEventsAreRejectedNotErrors() {
        logs.createLogGroup(b -> b.logGroupName("g"));
        logs.createLogStream(b -> b.logGroupName("g").logStreamName("s"));
        long day = 86_400_000L;
        PutLogEventsResponse old = logs.putLogEvents(b -> b.logGroupName("g").logStreamName("s")
                .logEvents(event(T - 30 * day, "old"), event(T - 30 * day + 1, "old2")));
        assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(2);
        assertThat(old.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isNull();
        PutLogEventsResponse mixed = logs.putLogEvents(b -> b.logGroupName("g").logStreamName("s")
                .logEvents(event(T, "kept"), event(T + day, "new")));
        assertThat(mixed.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
        assertThat(mixed.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();
        logs.putRetentionPolicy(b -> b.logGroupName("g").retentionInDays(1));
        PutLogEventsResponse expired = logs.putLogEvents(b -> b.logGroupName("g").logStreamName("s")
                .logEvents(event(T - day - 1000, "expired"), event(T - 2000, "kept2")));
        assertThat(expired.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(1);
        assertThat(logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s").startFromHead(true)).events())
                .extracting(OutputLogEvent::message).containsExactly("kept2", "kept");
    }

    @Test
    void describePaginationHasNoDuplicatesAndNoGaps() {
        List<String> names = IntStream.range(0, 7).mapToObj(i -> "group-" + i).toList();
        names.forEach(n -> logs.createLogGroup(b -> b.logGroupName(n)));
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeLogGroupsResponse page = logs.describeLogGroups(b -> b.limit(3).nextToken(t));
            page.logGroups().forEach(g -> seen.add(g.logGroupName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(pages).isEqualTo(3);

        for (int i = 0; i < 5; i++) {
            String stream = "s" + i;
            store.putLogEvents("group-0", stream, List.of(new LogEvent(T - 100 + (i * 7 % 5), "x")));
        }
        List<String> byTime = new ArrayList<>();
        token = null;
        do {
            String t = token;
            DescribeLogStreamsResponse page = logs.describeLogStreams(b -> b.logGroupName("group-0")
                    .orderBy(OrderBy.LAST_EVENT_TIME).descending(true).limit(2).nextToken(t));
            page.logStreams().forEach(s -> byTime.add(s.logStreamName()));
            token = page.nextToken();
        } while (token != null);
        // last event times: s0=0, s1=2, s2=4, s3=1, s4=3 (relative), newest first
        assertThat(byTime).containsExactly("s2", "s4", "s1", "s3", "s0");
    }

    @Test
    void getLogEventsPagesForwardAndBackwardWithAwsTokens() {
        List<LogEvent> events = IntStream.range(0, 25).mapToObj(i -> new LogEvent(T - 1000 + i, "e" + i)).toList();
        store.putLogEvents("g", "s", events);
        List<String> forward = new ArrayList<>();
        GetLogEventsResponse page = logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s")
                .startFromHead(true).limit(10));
        while (true) {
            page.events().forEach(e -> forward.add(e.message()));
            String token = page.nextForwardToken();
            GetLogEventsResponse next = logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s")
                    .nextToken(token).limit(10));
            if (next.events().isEmpty()) {
                assertThat(next.nextForwardToken()).isEqualTo(token); // AWS: the same token at the end
                break;
            }
            page = next;
        }
        assertThat(forward).containsExactlyElementsOf(events.stream().map(LogEvent::message).toList());

        GetLogEventsResponse latest = logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s").limit(10));
        assertThat(latest.events()).extracting(OutputLogEvent::message)
                .containsExactlyElementsOf(IntStream.range(15, 25).mapToObj(i -> "e" + i).toList());
        GetLogEventsResponse earlier = logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s")
                .nextToken(latest.nextBackwardToken()).limit(10));
        assertThat(earlier.events()).extracting(OutputLogEvent::message)
                .containsExactlyElementsOf(IntStream.range(5, 15).mapToObj(i -> "e" + i).toList());

        // a tail reader keeps its forward token and sees new events
        String tail = latest.nextForwardToken();
        store.putLogEvents("g", "s", List.of(new LogEvent(T, "fresh")));
        assertThat(logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s").nextToken(tail)).events())
                .extracting(OutputLogEvent::message).containsExactly("fresh");

        GetLogEventsResponse window = logs.getLogEvents(b -> b.logGroupName("g").logStreamName("s")
                .startTime(T - 1000 + 3).endTime(T - 1000 + 6).startFromHead(true));
        assertThat(window.events()).extracting(OutputLogEvent::message).containsExactly("e3", "e4", "e5");
    }

    @Test
    void filterLogEventsPagesAcrossStreamsInTimestampThenIngestionOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String stream = "stream-" + (i % 3);
            String message = "{\"n\":" + i + ",\"status\":\"" + (i % 2 == 0 ? 200 : 429) + "\"}";
            store.putLogEvents("g", stream, List.of(new LogEvent(T - 500 + i / 2, message)));
            if (i % 2 == 1) {
                expected.add(message);
            }
        }
        store.putLogEvents("g", "other", List.of(new LogEvent(T - 500, "{\"status\":\"429\"}")));
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            FilterLogEventsResponse page = logs.filterLogEvents(b -> b.logGroupName("g")
                    .logStreamNamePrefix("stream-").filterPattern("{ $.status = 429 }").limit(7).nextToken(t));
            page.events().forEach(e -> seen.add(e.message()));
            assertThat(page.searchedLogStreams()).hasSize(3);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);

        FilterLogEventsResponse named = logs.filterLogEvents(b -> b.logGroupName("g")
                .logStreamNames("stream-1", "missing").startTime(T - 500).endTime(T - 498).filterPattern("n"));
        // stream-1 holds i = 1, 4, 7 …; timestamps T-500+i/2 within [T-500, T-498] → i = 1, 4
        assertThat(named.events()).extracting(FilteredLogEvent::message)
                .containsExactly("{\"n\":1,\"status\":\"429\"}", "{\"n\":4,\"status\":\"200\"}");
    }

    @Test
    void filterOver100kEventsAnswersWellUnderASecond() {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String status = i % 100 == 0 ? "429" : "200";
            batch.add(new LogEvent(T - 100_000 + i, "{\"requestId\":\"r-" + i + "\",\"status\":\"" + status
                    + "\",\"responseLength\":\"26\"}"));
            if (batch.size() == 1000) {
                store.putLogEvents("access", "0123456789abcdef0123456789abcdef", batch);
                batch.clear();
            }
        }
        logs.filterLogEvents(b -> b.logGroupName("access").filterPattern("{ $.status = 429 }")); // warm-up
        long start = System.nanoTime();
        FilterLogEventsResponse json = logs.filterLogEvents(b -> b.logGroupName("access")
                .filterPattern("{ $.status = 429 }"));
        long jsonMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        FilterLogEventsResponse term = logs.filterLogEvents(b -> b.logGroupName("access")
                .filterPattern("\"r-99999\""));
        long termMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("FilterLogEvents over 100,000 events: JSON pattern %d ms, term pattern %d ms%n",
                jsonMillis, termMillis);
        assertThat(json.events()).hasSize(1000);
        assertThat(term.events()).singleElement().satisfies(e -> assertThat(e.timestamp()).isEqualTo(T - 1));
        assertThat(jsonMillis).isLessThan(5_000);
    }

    @Test
    void wireFormatOfErrorsAndUnknownOperationsAndForeignRequests() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> missing = http.send(post("Logs_20140328.DescribeLogStreams", "{\"logGroupName\":\"nope\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}");
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");

        HttpResponse<String> created = http.send(post("Logs_20140328.CreateLogGroup", "{\"logGroupName\":\"g\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("{}");

        HttpResponse<String> unknown = http.send(post("Logs_20140328.StartQuery", "{}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"__type\":\"UnknownOperationException\",\"message\":\"Unknown operation StartQuery\"}");

        HttpResponse<String> badJson = http.send(post("Logs_20140328.CreateLogGroup", "{"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badJson.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");

        // not a CloudWatch Logs request: the face passes it on and, with no other face on this listener, the end of
        // the chain answers it as AWS JSON services answer an unknown operation (server/NotFoundFace.java)
        HttpResponse<String> foreign = http.send(post("DynamoDB_20120810.ListTables", "{}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    private HttpRequest post(String target, String body) {
        return HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    private static void assertError(ThrowingCallable call, String type, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CloudWatchLogsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
