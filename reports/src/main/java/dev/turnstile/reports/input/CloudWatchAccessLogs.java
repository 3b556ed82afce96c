package dev.turnstile.reports.input;

import dev.turnstile.stage.profile.StageProfile;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Reads the stage's access log group ({@code profile.logGroups().access()}) with {@code FilterLogEvents},
 * following every page. Local stage: endpoint override from the profile, dummy static credentials; AWS: the
 * SDK's default credential chain.
 */
public final class CloudWatchAccessLogs implements AccessLogSource, AutoCloseable {

    private final CloudWatchLogsClient logs;
    private final String logGroup;

    public CloudWatchAccessLogs(CloudWatchLogsClient logs, String logGroup) {
        if (logGroup == null || logGroup.isBlank()) {
            throw new IllegalArgumentException("the stage profile names no access log group (logGroups.access)");
        }
        this.logs = logs;
        this.logGroup = logGroup;
    }

    /** A reader for the profile's stage, with a client built from the profile. */
    public static CloudWatchAccessLogs forProfile(StageProfile profile) {
        String group = profile.logGroups() == null ? null : profile.logGroups().access();
        if (group == null || group.isBlank()) {
            // checked before a client exists, so a refused profile leaves nothing open
            throw new IllegalArgumentException("the stage profile names no access log group (logGroups.access)");
        }
        return new CloudWatchAccessLogs(client(profile), group);
    }

    /** A Logs client for the profile: endpoint override and dummy credentials for the local stage. */
    static CloudWatchLogsClient client(StageProfile profile) {
        if (profile.region() == null || profile.region().isBlank()) {
            throw new IllegalArgumentException("the stage profile has no region");
        }
        CloudWatchLogsClientBuilder b = CloudWatchLogsClient.builder()
                .region(Region.of(profile.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (profile.isLocal()) {
            String endpoint = profile.endpoint("logs").orElseThrow(() -> new IllegalArgumentException(
                    "the local stage profile has no endpoints.logs"));
            b.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("turnstile", "turnstile")));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
            profile.endpoint("logs").ifPresent(e -> b.endpointOverride(URI.create(e)));
        }
        return b.build();
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

    @Override
    public void close() {
        logs.close();
    }
}
