package dev.turnstile.reports.input;

import dev.turnstile.conformance.crosscheck.CloudWatchLogReader;
import dev.turnstile.conformance.crosscheck.LogsRequestRate;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Reads the stage's access log group ({@code profile.logGroups().access()}) with {@code FilterLogEvents},
 * following every page ({@link #forEach} streams them), through the stage's own SDK clients ({@link StageClients}: endpoint override and dummy
 * credentials for the local stage, the SDK default chain for AWS).
 */
public final class CloudWatchAccessLogs implements AccessLogSource, AutoCloseable {

    private final CloudWatchLogsClient logs;
    private final String logGroup;
    private final AutoCloseable owner;
    private final CloudWatchLogReader reader;

    /** A reader over {@code logs}, which {@link #close()} closes, paced for a deployed stage. */
    public CloudWatchAccessLogs(CloudWatchLogsClient logs, String logGroup) {
        this(logs, logGroup, logs, LogsRequestRate.forStage(false));
    }

    private CloudWatchAccessLogs(CloudWatchLogsClient logs, String logGroup, AutoCloseable owner,
                                 LogsRequestRate rate) {
        if (logGroup == null || logGroup.isBlank()) {
            throw new IllegalArgumentException("the stage profile names no access log group (logGroups.access)");
        }
        this.logs = logs;
        this.logGroup = logGroup;
        this.owner = owner;
        this.reader = new CloudWatchLogReader(logs, rate);
    }

    /** A reader for the profile's stage, with a client built from the profile. */
    public static CloudWatchAccessLogs forProfile(StageProfile profile) {
        String group = profile.logGroups().access();
        if (group == null || group.isBlank()) {
            // checked before a client exists, so a refused profile leaves nothing open
            throw new IllegalArgumentException("the stage profile names no access log group (logGroups.access)");
        }
        StageClients clients = new StageClients(profile);
        try {
            return new CloudWatchAccessLogs(clients.logs(), group, clients, LogsRequestRate.forStage(profile.isLocal()));
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    @Override
    public List<String> read(Instant from, Instant to) {
        FilterLogEventsRequest request = FilterLogEventsRequest.builder()
                .logGroupName(logGroup)
                .startTime(from.toEpochMilli())
                .endTime(to.toEpochMilli() - 1) // FilterLogEvents' endTime is inclusive; the window is half-open
                .build();
        List<String> out = new ArrayList<>();
        for (FilteredLogEvent e : logs.filterLogEventsPaginator(request).events()) {
            out.add(e.message());
        }
        return out;
    }

    /**
     * The window's messages page by page, in sub-windows read in parallel within CloudWatch Logs' request quota
     * ({@link CloudWatchLogReader}); {@code to} is exclusive.
     */
    @Override
    public void forEach(Instant from, Instant to, Consumer<String> action) {
        reader.forEach(logGroup, from.toEpochMilli(), to.toEpochMilli() - 1, e -> action.accept(e.message()));
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the CloudWatch Logs client", e);
        }
    }
}
