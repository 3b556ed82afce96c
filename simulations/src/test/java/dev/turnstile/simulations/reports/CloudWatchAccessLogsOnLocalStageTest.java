package dev.turnstile.simulations.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.logs.CloudWatchLogsFace;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.logs.LogStore;
import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import dev.turnstile.reports.input.AccessLogParser;
import dev.turnstile.reports.input.CloudWatchAccessLogs;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity report's access-log reader through the SDK against the local stage's own CloudWatch Logs face. It
 * lives here because this is the module with both the reports and the local stage on its test classpath: the reports
 * module stays free of the emulator.
 */
class CloudWatchAccessLogsOnLocalStageTest {

    private static final Instant FROM = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-01-01T11:00:00Z");
    private static final String GROUP = "/turnstile/turnstile/access";

    @TempDir
    Path tmp;

    /** An access-log line in the template's format. */
    private static String line(String id, long time) {
        return "{\"requestId\":\"" + id + "\",\"extendedRequestId\":\"x" + id + "\",\"requestTimeEpoch\":\"" + time
                + "\",\"httpMethod\":\"POST\",\"resourcePath\":\"/items\",\"path\":\"/Prod/items\",\"status\":\"200\","
                + "\"responseLength\":\"2\",\"sourceIp\":\"127.0.0.1\",\"apiKeyId\":\"stdkeyaaa1\","
                + "\"principalId\":\"user\",\"authorizerError\":\"-\",\"errorResponseType\":\"-\",\"errorMessage\":\"-\","
                + "\"integrationLatency\":\"5\",\"responseLatency\":\"7\"}";
    }

    private static StageProfile profile(int logsPort) {
        return new StageProfile("local", "us-east-1", "http://127.0.0.1:3000/Prod", "abc123defg", "Prod",
                Map.of("logs", "http://127.0.0.1:" + logsPort), "turnstile-items",
                new StageProfile.LogGroups(GROUP, "API-Gateway-Execution-Logs_abc123defg/Prod", Map.of()), Map.of(),
                List.of(), List.of(), List.of(), null);
    }

    @Test
    void readsEveryPageOfTheWindowAndNothingOutsideIt() throws Exception {
        long t0 = FROM.toEpochMilli() + 60_000;
        try (LogStore store = LogStore.open(tmp.resolve("logs"), Clock.fixed(TO, ZoneOffset.UTC))) {
            // 12,000 lines (~5 MB): more than one FilterLogEvents page (10,000 events or 1 MB)
            for (int batch = 0; batch < 6; batch++) {
                List<LogSink.LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    int n = batch * 2000 + i;
                    long time = t0 + n * 100L;
                    events.add(new LogSink.LogEvent(time, line("r" + n, time)));
                }
                store.putLogEvents(GROUP, "0123456789abcdef0123456789abcdef", events);
            }
            // exactly at the window's end: outside [from, to)
            store.putLogEvents(GROUP, "0123456789abcdef0123456789abcdef", List.of(
                    new LogSink.LogEvent(TO.toEpochMilli(), "after")));

            try (LoopbackServer server = LoopbackServer.start("test-logs", "127.0.0.1", 0, 8,
                    ListenerLimits.services(ListenerLimits.DEFAULT_BODY_READ_TIMEOUT, ListenerLimits.DEFAULT_IDLE_TIMEOUT),
                    new CloudWatchLogsFace(store, "us-east-1", "123456789012"))) {
                List<String> lines;
                try (CloudWatchAccessLogs logs = CloudWatchAccessLogs.forProfile(profile(server.port()))) {
                    lines = logs.read(FROM, TO);
                }
                assertThat(lines).hasSize(12_000).doesNotContain("after");
                assertThat(new AccessLogParser().parse(lines.get(11_999)).timeMillis()).isEqualTo(t0 + 11_999 * 100L);
            }
        }
    }
}
