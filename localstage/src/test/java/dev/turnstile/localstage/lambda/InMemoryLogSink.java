package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.logs.LogSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link LogSink} that keeps events in memory, for tests. */
final class InMemoryLogSink implements LogSink {

    private final Map<String, Map<String, List<LogEvent>>> groups = new LinkedHashMap<>();

    @Override
    public synchronized void ensureLogGroup(String logGroupName, Integer retentionDays) {
        groups.computeIfAbsent(logGroupName, g -> new LinkedHashMap<>());
    }

    @Override
    public synchronized void ensureLogStream(String logGroupName, String logStreamName) {
        ensureLogGroup(logGroupName, null);
        groups.get(logGroupName).computeIfAbsent(logStreamName, s -> new ArrayList<>());
    }

    @Override
    public synchronized void putLogEvents(String logGroupName, String logStreamName, List<LogEvent> events) {
        ensureLogStream(logGroupName, logStreamName);
        List<LogEvent> stream = groups.get(logGroupName).get(logStreamName);
        for (LogEvent e : events) {
            if (!stream.isEmpty() && e.timestamp() < stream.get(stream.size() - 1).timestamp()) {
                throw new IllegalArgumentException("events out of order in " + logStreamName);
            }
            stream.add(e);
        }
    }

    synchronized List<String> streams(String logGroupName) {
        return List.copyOf(groups.getOrDefault(logGroupName, Map.of()).keySet());
    }

    /** Every message of a group, stream by stream. */
    synchronized List<String> messages(String logGroupName) {
        return groups.getOrDefault(logGroupName, Map.of()).values().stream()
                .flatMap(List::stream).map(LogEvent::message).collect(Collectors.toList());
    }

    /** Messages of the invocation with this request id, from its START to its REPORT. */
    synchronized List<String> invocation(String logGroupName, String requestId) {
        for (List<LogEvent> stream : groups.getOrDefault(logGroupName, Map.of()).values()) {
            int start = -1;
            for (int i = 0; i < stream.size(); i++) {
                String m = stream.get(i).message();
                if (m.equals("START RequestId: " + requestId + " Version: $LATEST\n")) {
                    start = i;
                }
                if (start >= 0 && m.startsWith("REPORT RequestId: " + requestId + "\t")) {
                    return stream.subList(start, i + 1).stream().map(LogEvent::message).collect(Collectors.toList());
                }
            }
        }
        return List.of();
    }
}
