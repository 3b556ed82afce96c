package dev.turnstile.reports.input;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.reports.ReportFixtures;
import dev.turnstile.stage.profile.StageProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the access-log reader refuses before it opens a client. Reading pages from a real Logs face is
 * {@code CloudWatchAccessLogsOnLocalStageTest} in the simulations module, which has the local stage.
 */
class CloudWatchAccessLogsTest {

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
                .hasMessage("the local stage profile has no 'logs' endpoint (endpoints: {})");
    }
}
