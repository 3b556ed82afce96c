package dev.turnstile.conformance.junit;

import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.selection.StageSelection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension that runs a test class against a Turnstile stage: each class gets its own {@link StageRun}
 * (its own run id and ledger), injected into constructors, lifecycle and test methods that declare a
 * {@code StageRun} or {@link StageProfile} parameter, and the class ends with the cross-check of that run — a
 * request whose DynamoDB item, access-log line or authorizer invocations disagree with what it was answered fails
 * the class, naming the request ids.
 *
 * <pre>
 * &#64;ExtendWith(TurnstileStage.class)                 // the stage of -Dturnstile.stage / -Dturnstile.stack, else embedded
 * class MyIT { &#64;Test void writes(StageRun run) { … } }
 *
 * class MyOtherIT {
 *     &#64;RegisterExtension
 *     static TurnstileStage stage = TurnstileStage.embedded().parameter("ThrottleRate", "10").build();
 * }
 * </pre>
 *
 * Choices: {@link #embedded()} (needs {@code dev.turnstile:turnstile-localstage} at runtime), {@link #profile(Path)}
 * (a running stage's {@code stage.json}), {@link #stack(String)} (a deployed stack, discovered), or
 * {@link #fromSystemProperties()} — the default of a plain {@code @ExtendWith}. No system property is needed for
 * the others. The selected stage is resolved once per test run and selection (a failed selection fails every class
 * that asks for it with the same error, without a new attempt), and an embedded stage once per JVM.
 */
public final class TurnstileStage implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** Report entry key under which each class publishes the stage it ran against ({@link StageProfile#describe()}). */
    public static final String STAGE_ENTRY = "turnstile.stage";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TurnstileStage.class);

    /** Null: read the system properties when the first class starts (the {@code @ExtendWith} case). */
    private final StageSelection selection;

    /** The stage of the system properties; what {@code @ExtendWith(TurnstileStage.class)} uses. */
    public TurnstileStage() {
        this(null);
    }

    private TurnstileStage(StageSelection selection) {
        this.selection = selection;
    }

    /** The embedded local stage; add template parameters with {@link Builder#parameter}. */
    public static Builder embedded() {
        return new Builder(StageSelection.embedded());
    }

    /** A running stage by its profile file ({@code stage.json}). */
    public static Builder profile(Path file) {
        return new Builder(StageSelection.profileFile(file));
    }

    /** A deployed stack by name (discovery with the AWS default credentials and region). */
    public static Builder stack(String name) {
        return new Builder(StageSelection.stack(name));
    }

    /** The stage {@code -Dturnstile.stage}, {@code -Dturnstile.stack} and {@code -Dturnstile.params} select. */
    public static TurnstileStage fromSystemProperties() {
        return new TurnstileStage();
    }

    /** The stage of an existing selection. */
    public static TurnstileStage of(StageSelection selection) {
        return new TurnstileStage(Objects.requireNonNull(selection, "selection"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StageSelection chosen = selection != null ? selection : StageSelection.fromSystemProperties();
        StageProfile profile = context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(chosen, Selected::of, Selected.class).profile();
        context.publishReportEntry(STAGE_ENTRY, profile.describe());
        context.getStore(NS).put(StageRun.class, StageRun.open(context.getRequiredTestClass().getSimpleName(), profile));
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
        Class<?> type = parameter.getParameter().getType();
        return type == StageRun.class || type == StageProfile.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StageRun run = context.getStore(NS).get(StageRun.class, StageRun.class);
        if (run == null) {
            throw new IllegalStateException("no stage run for " + context.getDisplayName()
                    + ": TurnstileStage starts one per test class, before its @BeforeAll methods");
        }
        return parameter.getParameter().getType() == StageProfile.class ? run.profile() : run;
    }

    /** Builder for {@link TurnstileStage}. */
    public static final class Builder {
        private final StageSelection.Builder selection;

        private Builder(StageSelection.Builder selection) {
            this.selection = selection;
        }

        /** A template parameter override of the embedded stage ({@code ThrottleRate}, {@code 10}). */
        public Builder parameter(String name, String value) {
            selection.parameter(name, value);
            return this;
        }

        /** Several template parameter overrides of the embedded stage. */
        public Builder parameters(Map<String, String> values) {
            selection.parameters(values);
            return this;
        }

        /** Where relative paths resolve and {@code sam/template.yaml} is searched from (default: the working dir). */
        public Builder workDir(Path value) {
            selection.workDir(value);
            return this;
        }

        /** The extension; template parameters on anything but the embedded stage are an error. */
        public TurnstileStage build() {
            return new TurnstileStage(selection.build());
        }
    }

    /**
     * A selection's outcome, kept in the root store for the whole test run: the profile, or why there is none (so
     * later classes fail fast with the same cause instead of a second slow attempt).
     */
    private record Selected(StageSelection selection, StageProfile stage, RuntimeException failure) {

        static Selected of(StageSelection selection) {
            try {
                return new Selected(selection, selection.profile(), null);
            } catch (RuntimeException e) {
                return new Selected(selection, null, e);
            }
        }

        StageProfile profile() {
            if (failure != null) {
                throw new IllegalStateException("cannot select the " + selection.describe() + ": "
                        + failure.getMessage(), failure);
            }
            return stage;
        }
    }
}
