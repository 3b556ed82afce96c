package dev.turnstile.localstage.it;

import static dev.turnstile.localstage.it.ItStages.await;
import static dev.turnstile.localstage.it.ItStages.extendedRequestId;
import static dev.turnstile.localstage.it.ItStages.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code kill -9} of the command-line stage and a restart on the same data directory lose no acknowledged item
 * and no log event that was readable before the kill; the dynalite the killed stage orphaned is stopped by the
 * next start (it would otherwise hold LevelDB's lock), and the execution environments do not outlive their stage.
 */
class KillRestartIT {

    @RegisterExtension
    final StartedStages stages = new StartedStages();

    private static final int REQUESTS = 20;

    @Test
    void sigkillAndRestartLoseNoAcknowledgedItemAndNoReadableLogEvent() throws Exception {
        StageProcess first = stages.start("first.log");
        StageProfile profile = first.profile();
        ApiKeyInfo key = profile.usagePlans().stream().filter(p -> p.name().endsWith("-standard")).findFirst()
                .orElseThrow().apiKeys().get(0);

        Map<String, String> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String body = "{\"seq\":" + i + "}";
            HttpResponse<String> response = post(profile, "/items",
                    Map.of("x-api-key", key.value(), "authorizationToken", "allow"), body);
            assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
            acknowledged.put(extendedRequestId(response), Integer.toString(i));
        }
        Map<String, List<String>> readable;
        try (CloudWatchLogsClient logs = ItStages.logs(profile)) {
            // every 200 is readable in the access log before the kill
            readable = await("an access-log line for each of the " + REQUESTS + " requests", () -> snapshot(logs),
                    s -> acknowledged.keySet().stream().allMatch(id -> s.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(profile.logGroups().access() + " "))
                            .anyMatch(e -> e.getValue().stream().anyMatch(line -> line.contains(id)))));
        }
        List<ProcessHandle> children = first.children();
        ProcessHandle dynalite = children.stream()
                .filter(p -> p.info().commandLine().map(c -> c.contains("dynalite")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no dynalite among " + children));
        assertThat(Files.readString(stages.data().resolve("dynamodb.pid"), StandardCharsets.US_ASCII)).startsWith(dynalite.pid() + " ");

        first.kill();

        // environments notice their Runtime API is gone and exit by themselves
        List<ProcessHandle> environments = children.stream().filter(p -> p.pid() != dynalite.pid()).toList();
        assertThat(environments).isNotEmpty();
        await("the killed stage's execution environments to exit", () -> environments.stream().filter(ProcessHandle::isAlive).toList(),
                List::isEmpty);

        StageProcess second = stages.start("second.log");
        assertThat(dynalite.isAlive()).as("the orphaned dynalite pid %d is stopped by the restart", dynalite.pid()).isFalse();
        assertThat(second.output()).contains("stopping dynalite pid " + dynalite.pid() + " left running by a stage that was killed");

        StageProfile restarted = second.profile();
        try (DynamoDbClient dynamoDb = ItStages.dynamoDb(restarted)) {
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                Map<String, AttributeValue> item = ItStages.item(dynamoDb, restarted.table(), ack.getKey());
                assertThat(item).as("item %s", ack.getKey()).isNotEmpty();
                assertThat(item.get("payload").m()).isEqualTo(Map.of("seq", AttributeValue.fromN(ack.getValue())));
            }
        }
        try (CloudWatchLogsClient logs = ItStages.logs(restarted)) {
            Map<String, List<String>> after = snapshot(logs);
            for (Map.Entry<String, List<String>> stream : readable.entrySet()) {
                assertThat(after).containsKey(stream.getKey());
                // same events in the same order; the killed stage's streams get nothing new after the restart
                assertThat(after.get(stream.getKey())).as(stream.getKey()).isEqualTo(stream.getValue());
            }
        }
    }

    /** Every event of every stream of every group, as {@code "<timestamp> <message>"}, keyed {@code "<group> <stream>"}. */
    private static Map<String, List<String>> snapshot(CloudWatchLogsClient logs) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (LogGroup group : logs.describeLogGroupsPaginator(r -> { }).logGroups()) {
            for (LogStream stream : logs.describeLogStreamsPaginator(r -> r.logGroupName(group.logGroupName())).logStreams()) {
                List<String> events = new ArrayList<>();
                String token = null;
                while (true) {
                    String from = token;
                    GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName(group.logGroupName())
                            .logStreamName(stream.logStreamName()).startFromHead(true).nextToken(from));
                    for (OutputLogEvent e : page.events()) {
                        events.add(e.timestamp() + " " + e.message());
                    }
                    if (page.events().isEmpty() || page.nextForwardToken().equals(token)) {
                        break;
                    }
                    token = page.nextForwardToken();
                }
                all.put(group.logGroupName() + " " + stream.logStreamName(), events);
            }
        }
        return all;
    }
}
