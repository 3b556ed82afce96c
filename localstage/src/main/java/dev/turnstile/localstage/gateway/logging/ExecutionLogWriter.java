package dev.turnstile.localstage.gateway.logging;

import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.RequestIds;
import dev.turnstile.localstage.logs.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a request's execution-log lines, each as {@code (<requestId>) <text>}, in one batch to
 * {@code API-Gateway-Execution-Logs_<apiId>/<stage>} (one 32-hex stream per gateway instance). Lines
 * longer than 1024 bytes are cut and marked {@code [TRUNCATED]}, as API Gateway does.
 */
public final class ExecutionLogWriter {

    private static final int MAX_CHARS = 1024;

    private final LogSink sink;
    private final String logGroup;
    private final String logStream;

    public ExecutionLogWriter(LogSink sink, String logGroup) {
        this.sink = sink;
        this.logGroup = logGroup;
        this.logStream = RequestIds.hex32();
    }

    public void write(InvocationContext context) {
        List<ExecutionLog.Line> lines = context.executionLog().lines();
        if (lines.isEmpty()) {
            return;
        }
        String prefix = "(" + context.requestId() + ") ";
        List<LogSink.LogEvent> events = new ArrayList<>(lines.size());
        for (ExecutionLog.Line line : lines) {
            String message = prefix + line.text();
            if (message.length() > MAX_CHARS) {
                message = message.substring(0, MAX_CHARS) + " [TRUNCATED]";
            }
            events.add(new LogSink.LogEvent(line.timestamp(), message));
        }
        sink.putLogEvents(logGroup, logStream, events);
    }

    public String logGroup() {
        return logGroup;
    }

    public String logStream() {
        return logStream;
    }
}
