package dev.turnstile.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.logs.CloudWatchLogsFace;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.logs.LogStore;
import dev.turnstile.localstage.profile.StageProfile;
import dev.turnstile.reports.ReportFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads access logs through the SDK from the local stage's own CloudWatch Logs face. */
class CloudWatchAccessLogsTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryPageOfTheWindowAndNothingOutsideIt() throws Exception {
        String group = "/turnstile/turnstile/access";
        long t0 = ReportFixtures.T0;
        try (LogStore store = LogStore.open(tmp.resolve("logs"), Clock.fixed(ReportFixtures.TO, ZoneOffset.UTC))) {
            // 12,000 lines (~5 MB): more than one FilterLogEvents page (10,000 events or 1 MB)
            for (int batch = 0; batch < 6; batch++) {
                List<LogSink.LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    int n = batch * 2000 + i;
                    long time = t0 + n * 100L;
                    events.add(new LogSink.LogEvent(time, ReportFixtures.line("r" + n, time, "stdkeyaaa1", "POST",
                            "/items", 200, "-")));
                }
                store.putLogEvents(group, "0123456789abcdef0123456789abcdef", events);
            }
            // just before and exactly at the window's end: both outside [from, to)
            store.putLogEvents(group, "0123456789abcdef0123456789abcdef", List.of(
                    new LogSink.LogEvent(ReportFixtures.TO.toEpochMilli(), "after")));

            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new CloudWatchLogsFace(store, "us-east-1", "123456789012"));
            server.start();
            try {
                StageProfile p = ReportFixtures.profile();
                StageProfile profile = new StageProfile(p.kind(), p.region(), p.invokeUrl(), p.restApiId(),
                        p.stageName(), Map.of("logs", "http://127.0.0.1:" + connector.getLocalPort()), p.table(),
                        p.logGroups(), p.functions(), p.routes(), p.authorizers(), p.usagePlans(), null);
                List<String> lines;
                try (CloudWatchAccessLogs logs = CloudWatchAccessLogs.forProfile(profile)) {
                    lines = logs.read(ReportFixtures.FROM, ReportFixtures.TO);
                }
                assertThat(lines).hasSize(12_000).doesNotContain("after");
                assertThat(new AccessLogParser().parse(lines.get(11_999)).timeMillis()).isEqualTo(t0 + 11_999 * 100L);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void profileWithoutWhatTheReaderNeedsIsRefused() {
        StageProfile p = ReportFixtures.profile();
        StageProfile noGroup = new StageProfile(p.kind(), p.region(), p.invokeUrl(), p.restApiId(), p.stageName(),
                p.endpoints(), p.table(), null, p.functions(), p.routes(), p.authorizers(), p.usagePlans(), null);
        assertThatThrownBy(() -> CloudWatchAccessLogs.forProfile(noGroup))
                .hasMessage("the stage profile names no access log group (logGroups.access)");
        StageProfile noEndpoint = new StageProfile(p.kind(), p.region(), p.invokeUrl(), p.restApiId(), p.stageName(),
                Map.of(), p.table(), p.logGroups(), p.functions(), p.routes(), p.authorizers(), p.usagePlans(), null);
        assertThatThrownBy(() -> CloudWatchAccessLogs.forProfile(noEndpoint))
                .hasMessage("the local stage profile has no endpoints.logs");
    }
}
