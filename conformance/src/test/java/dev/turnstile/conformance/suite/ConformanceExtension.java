package dev.turnstile.conformance.suite;

import dev.turnstile.conformance.run.StageRun;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each conformance class its own {@link StageRun} (injected as a parameter) and ends the class with the
 * cross-check of that run: a mismatch fails the class with the offending request ids.
 */
public final class ConformanceExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put(StageRun.class, new StageRun(context.getRequiredTestClass().getSimpleName()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        StageRun run = context.getStore(NS).remove(StageRun.class, StageRun.class);
        if (run == null) {
            return; // beforeAll failed: that failure is already reported
        }
        try {
            if (!run.ledger().entries().isEmpty()) {
                run.crossCheck().assertPassed();
            }
        } finally {
            run.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StageRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StageRun run = context.getStore(NS).get(StageRun.class, StageRun.class);
        if (run == null) {
            throw new IllegalStateException("no stage run for " + context.getDisplayName());
        }
        return run;
    }
}
