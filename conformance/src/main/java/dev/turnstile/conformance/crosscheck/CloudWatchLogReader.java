package dev.turnstile.conformance.crosscheck;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** {@link LogReader} over CloudWatch Logs {@code FilterLogEvents} (all pages). */
public final class CloudWatchLogReader implements LogReader {

    private final CloudWatchLogsClient logs;

    public CloudWatchLogReader(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public List<LogEvent> read(String group, long startMs, long endMs) {
        try {
            return logs.filterLogEventsPaginator(r -> r.logGroupName(group).startTime(startMs).endTime(endMs))
                    .events().stream()
                    .map(e -> new LogEvent(e.eventId(), e.timestamp(), e.message()))
                    .toList();
        } catch (ResourceNotFoundException e) {
            // Lambda creates a function's group on its first invocation: no group means no events yet, which the
            // cross-check then reports as missing lines — nothing is hidden.
            return List.of();
        }
    }
}
