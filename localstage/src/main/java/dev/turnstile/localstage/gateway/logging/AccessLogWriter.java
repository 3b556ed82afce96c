package dev.turnstile.localstage.gateway.logging;

import dev.turnstile.localstage.gateway.ContextTemplate;
import dev.turnstile.localstage.gateway.ContextVariables;
import dev.turnstile.localstage.gateway.GatewayStep;
import dev.turnstile.localstage.gateway.InvocationContext;
import dev.turnstile.localstage.gateway.RequestIds;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.AccessLogConfig;
import dev.turnstile.localstage.model.StageModel;
import java.util.List;
import java.util.Optional;

/**
 * The access-log finalizer: writes one access-log event per request to the stage's access log group, stamped with
 * the response's completion time and rendering the stage's {@code AccessLogSetting.Format} precompiled once (unset
 * variables as {@code -}). The stream is one 32-hex name per gateway instance, like API Gateway's.
 */
public final class AccessLogWriter implements GatewayStep {

    private final LogSink sink;
    private final String logGroup;
    private final String logStream;
    private final ContextTemplate format;

    /** The template reader checked the setting: a log group, a one-line format that includes {@code $context.requestId}. */
    public AccessLogWriter(LogSink sink, AccessLogConfig config, ContextVariables variables) {
        this.sink = sink;
        this.logGroup = config.logGroupName();
        this.logStream = RequestIds.hex32();
        this.format = ContextTemplate.compile(stripNewline(config.format()), variables);
        sink.ensureLogGroup(logGroup, config.retentionDays());
        sink.ensureLogStream(logGroup, logStream);
    }

    /** The writer for a stage, or empty when the stage has no {@code AccessLogSetting}. */
    public static Optional<AccessLogWriter> forStage(LogSink sink, StageModel model, ContextVariables variables) {
        return model.accessLog() == null ? Optional.empty() : Optional.of(new AccessLogWriter(sink, model.accessLog(), variables));
    }

    private static String stripNewline(String format) {
        return format.endsWith("\n") ? format.substring(0, format.length() - 1) : format;
    }

    /** The line for one finished request. */
    public String render(InvocationContext context) {
        return format.render(context, "-");
    }

    @Override
    public void apply(InvocationContext context) {
        sink.putLogEvents(logGroup, logStream, List.of(new LogSink.LogEvent(context.completedAtMillis(), render(context))));
    }

    public String logGroup() {
        return logGroup;
    }

    public String logStream() {
        return logStream;
    }
}
