package dev.turnstile.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * Writes log events to one stream with {@code PutLogEvents}, in batches within the API's limits — at most 10,000
 * events and 1,048,576 bytes, each event counted as its UTF-8 message plus 26 bytes — each batch in chronological
 * order as the API requires (docs/aws-behaviour.md §7).
 */
final class LogBatchWriter implements AutoCloseable {

    static final int MAX_EVENTS = 10_000;
    static final int MAX_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD = 26;

    private final CloudWatchLogsClient logs;
    private final String group;
    private final String stream;
    private final List<InputLogEvent> batch = new ArrayList<>();
    private long batchBytes;
    private long calls;

    LogBatchWriter(CloudWatchLogsClient logs, String group, String stream) {
        this.logs = logs;
        this.group = group;
        this.stream = stream;
        try {
            logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        } catch (ResourceAlreadyExistsException e) {
            // a stream of an earlier generation: events are appended
        }
        calls++;
    }

    void put(long timestamp, String message) {
        int size = message.getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
        if (batch.size() == MAX_EVENTS || batchBytes + size > MAX_BYTES) {
            flush();
        }
        batch.add(InputLogEvent.builder().timestamp(timestamp).message(message).build());
        batchBytes += size;
    }

    /** {@code CreateLogStream} and {@code PutLogEvents} calls made. */
    long calls() {
        return calls;
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<InputLogEvent> events = new ArrayList<>(batch);
        events.sort(Comparator.comparingLong(InputLogEvent::timestamp));
        logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
        calls++;
        batch.clear();
        batchBytes = 0;
    }

    @Override
    public void close() {
        flush();
    }
}
