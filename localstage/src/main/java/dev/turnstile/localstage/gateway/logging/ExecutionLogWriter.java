package dev.turnstile.localstage.gateway.logging;

import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.IntegrationOutcome;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.RequestIds;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.StageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The execution-log finalizer: closes a request's execution log (completion status, Lambda request id, trace id)
 * and writes its lines, each as {@code (<requestId>) <text>}, in one batch to
 * {@code API-Gateway-Execution-Logs_<apiId>/<stage>} (one 32-hex stream per gateway instance). Lines
 * longer than 1024 bytes are cut and marked {@code [TRUNCATED]}, as API Gateway does.
 */
public final class ExecutionLogWriter implements GatewayStep {

    private static final int MAX_CHARS = 1024;

    private final LogSink sink;
    private final String logGroup;
    private final String logStream;

    public ExecutionLogWriter(LogSink sink, String logGroup) {
        this.sink = sink;
        this.logGroup = logGroup;
        this.logStream = RequestIds.hex32();
    }

    /** The writer for a stage, or empty when no method setting turns execution logging on. */
    public static Optional<ExecutionLogWriter> forStage(LogSink sink, StageModel model) {
        boolean any = model.methodSettings().stream().map(MethodSetting::loggingLevel)
                .anyMatch(level -> ExecutionLog.Level.parse(level) != ExecutionLog.Level.OFF);
        return any ? Optional.of(new ExecutionLogWriter(sink, model.executionLogGroup())) : Optional.empty();
    }

    @Override
    public void apply(InvocationContext context) {
        long now = context.completedAtMillis();
        ExecutionLog log = context.executionLog();
        int status = context.response().status();
        if (status >= 400) {
            log.error(now, "Method completed with status: " + status);
        } else {
            log.info(now, "Method completed with status: " + status);
        }
        IntegrationOutcome integration = context.integration();
        if (integration != null && integration.lambdaRequestId() != null) {
            log.info(now, "AWS Integration Endpoint RequestId : " + integration.lambdaRequestId());
        }
        if (integration != null) {
            log.info(now, "X-ray Tracing ID : " + integration.traceId());
        }
        write(context);
    }

    private void write(InvocationContext context) {
        List<LogSink.LogEvent> lines = context.executionLog().lines();
        if (lines.isEmpty()) {
            return;
        }
        String prefix = "(" + context.requestId() + ") ";
        List<LogSink.LogEvent> events = new ArrayList<>(lines.size());
        for (LogSink.LogEvent line : lines) {
            String message = prefix + line.message();
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
