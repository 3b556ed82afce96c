package dev.turnstile.stage.selection;

import dev.turnstile.stage.discovery.StackDiscovery;
import dev.turnstile.stage.embedded.EmbeddedStage;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Which stage a run talks to — a value, the same for conformance, simulations and reports:
 * <ul>
 *   <li>{@link #embedded()} → the embedded local stage, started in this JVM (needs {@code turnstile-localstage} on
 *       the classpath), with template parameter overrides;</li>
 *   <li>{@link #profileFile(Path)} → a stage already running, by its profile ({@code stage.json});</li>
 *   <li>{@link #stack(String)} → a deployed stack, by discovery from CloudFormation and API Gateway (the profile is
 *       written to {@code target/turnstile/stage.json}).</li>
 * </ul>
 * {@link #fromSystemProperties()} reads the same choice from {@code -Dturnstile.stage=path/to/stage.json},
 * {@code -Dturnstile.stack=NAME} and {@code -Dturnstile.params=Name=Value,Name=Value} (nothing set: embedded), the
 * default of every Turnstile entry point. Building a selection starts nothing; {@link #profile()} does.
 */
public final class StageSelection {

    public static final String STAGE_PROPERTY = "turnstile.stage";
    public static final String STACK_PROPERTY = "turnstile.stack";
    public static final String PARAMS_PROPERTY = "turnstile.params";
    /** Where discovery writes the profile it built, relative to the work directory. */
    public static final Path DISCOVERED_PROFILE = Path.of("target", "turnstile", "stage.json");

    /** The three ways to select a stage. */
    public enum Mode { EMBEDDED, PROFILE_FILE, STACK }

    private final Mode mode;
    private final Path profileFile;
    private final String stackName;
    private final Map<String, String> parameters;
    private final Path workDir;

    private StageSelection(Builder b) {
        this.mode = b.mode;
        this.profileFile = b.profileFile;
        this.stackName = b.stackName;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.workDir = b.workDir;
    }

    /** The embedded local stage; add template parameters with {@link Builder#parameter}. */
    public static Builder embedded() {
        return new Builder(Mode.EMBEDDED, null, null);
    }

    /** A running stage by its profile file (relative paths resolve against the work directory). */
    public static Builder profileFile(Path file) {
        return new Builder(Mode.PROFILE_FILE, Objects.requireNonNull(file, "profile file"), null);
    }

    /** A deployed stack by name, discovered with the AWS default credentials and region. */
    public static Builder stack(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a stack selection needs the stack's name");
        }
        return new Builder(Mode.STACK, null, name.trim());
    }

    /** The selection the JVM's system properties ask for, relative to the working directory. */
    public static StageSelection fromSystemProperties() {
        return fromProperties(System.getProperties(), Path.of(""));
    }

    /**
     * The selection {@code properties} ask for: {@code turnstile.stage} or {@code turnstile.stack} (not both), else
     * embedded with {@code turnstile.params}; parameters with a profile or a stack are an error, since a running or
     * deployed stage keeps its own.
     */
    public static StageSelection fromProperties(Properties properties, Path workDir) {
        String stage = trimmed(properties.getProperty(STAGE_PROPERTY));
        String stack = trimmed(properties.getProperty(STACK_PROPERTY));
        String params = trimmed(properties.getProperty(PARAMS_PROPERTY));
        if (stage != null && stack != null) {
            throw new IllegalArgumentException("set either -D" + STAGE_PROPERTY + " or -D" + STACK_PROPERTY
                    + ", not both");
        }
        if (params != null && (stage != null || stack != null)) {
            throw new IllegalArgumentException("-D" + PARAMS_PROPERTY + " applies to the embedded local stage only; "
                    + "a running or deployed stage keeps its own parameters");
        }
        Builder b = stage != null ? profileFile(Path.of(stage)) : stack != null ? stack(stack)
                : embedded().parameters(ParameterOverrides.parse(params));
        return b.workDir(workDir).build();
    }

    public Mode mode() {
        return mode;
    }

    /** Template parameter overrides of the embedded stage (empty for the other modes). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The profile file of {@link Mode#PROFILE_FILE}. */
    public Optional<Path> profileFile() {
        return Optional.ofNullable(profileFile);
    }

    /** The stack name of {@link Mode#STACK}. */
    public Optional<String> stackName() {
        return Optional.ofNullable(stackName);
    }

    /** Where relative paths resolve and the template is searched from (the working directory by default). */
    public Path workDir() {
        return workDir;
    }

    /**
     * The selected stage's profile: reads the profile file, discovers the stack (and writes its profile to
     * {@link #DISCOVERED_PROFILE}), or starts this JVM's embedded stage for these parameters (once per JVM).
     */
    public StageProfile profile() {
        return switch (mode) {
            case PROFILE_FILE -> StageProfile.read(workDir.resolve(profileFile));
            case STACK -> {
                StageProfile profile = StackDiscovery.discover(stackName);
                profile.write(workDir.resolve(DISCOVERED_PROFILE));
                yield profile;
            }
            case EMBEDDED -> EmbeddedStage.profile(workDir, parameters);
        };
    }

    /** What was selected, for logs: {@code embedded local stage (ThrottleRate=20)}, {@code stack turnstile}, … */
    public String describe() {
        return switch (mode) {
            case EMBEDDED -> "embedded local stage" + (parameters.isEmpty() ? "" : " (" + parameters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")) + ")");
            case PROFILE_FILE -> "stage profile " + profileFile;
            case STACK -> "stack " + stackName;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageSelection s && mode == s.mode && Objects.equals(profileFile, s.profileFile)
                && Objects.equals(stackName, s.stackName) && parameters.equals(s.parameters)
                && workDir.toAbsolutePath().normalize().equals(s.workDir.toAbsolutePath().normalize());
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, profileFile, stackName, parameters, workDir.toAbsolutePath().normalize());
    }

    @Override
    public String toString() {
        return "StageSelection[" + describe() + ", workDir=" + workDir + "]";
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Builder for {@link StageSelection}. */
    public static final class Builder {
        private final Mode mode;
        private final Path profileFile;
        private final String stackName;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private Path workDir = Path.of("");

        private Builder(Mode mode, Path profileFile, String stackName) {
            this.mode = mode;
            this.profileFile = profileFile;
            this.stackName = stackName;
        }

        /** A template parameter override of the embedded stage ({@code ThrottleRate}, {@code 10}). */
        public Builder parameter(String name, String value) {
            if (name == null || !name.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("'" + name + "' is not a CloudFormation parameter name (alphanumeric)");
            }
            parameters.put(name, Objects.requireNonNull(value, () -> "value of parameter " + name));
            return this;
        }

        /** Several template parameter overrides. */
        public Builder parameters(Map<String, String> values) {
            values.forEach(this::parameter);
            return this;
        }

        /** Where relative paths resolve and the template is searched from (default: the working directory). */
        public Builder workDir(Path value) {
            this.workDir = Objects.requireNonNull(value, "workDir");
            return this;
        }

        /** The selection; template parameters on anything but the embedded stage are an error. */
        public StageSelection build() {
            if (mode != Mode.EMBEDDED && !parameters.isEmpty()) {
                throw new IllegalArgumentException("template parameters " + parameters.keySet() + " apply to the "
                        + "embedded local stage only; a running or deployed stage keeps its own parameters");
            }
            return new StageSelection(this);
        }
    }
}
