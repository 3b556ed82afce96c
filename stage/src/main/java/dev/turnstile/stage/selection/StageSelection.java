package dev.turnstile.stage.selection;

import dev.turnstile.stage.discovery.StackDiscovery;
import dev.turnstile.stage.embedded.EmbeddedStage;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which stage a run talks to, from system properties (the same rules for conformance, simulations and reports):
 * <ul>
 *   <li>nothing set → the embedded local stage, started once per JVM;</li>
 *   <li>{@code -Dturnstile.stage=path/to/stage.json} → that profile (a stage already running);</li>
 *   <li>{@code -Dturnstile.stack=NAME} → discovery from CloudFormation and API Gateway, written to
 *       {@code target/turnstile/stage.json}.</li>
 * </ul>
 * Template parameter overrides for the embedded stage: {@code -Dturnstile.params=Name=Value,Name=Value}.
 */
public final class StageSelection {

    public static final String STAGE_PROPERTY = "turnstile.stage";
    public static final String STACK_PROPERTY = "turnstile.stack";
    public static final String PARAMS_PROPERTY = "turnstile.params";
    /** Where discovery writes the profile it built. */
    public static final Path DISCOVERED_PROFILE = Path.of("target", "turnstile", "stage.json");

    /** The three ways to select a stage. */
    public enum Mode { EMBEDDED, PROFILE_FILE, STACK }

    private static StageProfile selected;
    /** A failed selection is remembered: every class of the run gets the same error instead of a new slow attempt. */
    private static RuntimeException failure;

    private StageSelection() {
    }

    /** The selected stage's profile (selected once per JVM from the system properties). */
    public static synchronized StageProfile profile() {
        if (failure != null) {
            throw new IllegalStateException("stage selection failed earlier in this JVM: " + failure.getMessage(), failure);
        }
        if (selected == null) {
            try {
                selected = select(System.getProperties(), Path.of(""));
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return selected;
    }

    /** The mode the properties ask for; setting both a profile and a stack is an error. */
    public static Mode mode(Properties properties) {
        boolean stage = !blank(properties.getProperty(STAGE_PROPERTY));
        boolean stack = !blank(properties.getProperty(STACK_PROPERTY));
        if (stage && stack) {
            throw new IllegalArgumentException("set either -D" + STAGE_PROPERTY + " or -D" + STACK_PROPERTY
                    + ", not both");
        }
        if (!blank(properties.getProperty(PARAMS_PROPERTY)) && (stage || stack)) {
            throw new IllegalArgumentException("-D" + PARAMS_PROPERTY + " applies to the embedded local stage only; "
                    + "a running or deployed stage keeps its own parameters");
        }
        return stage ? Mode.PROFILE_FILE : stack ? Mode.STACK : Mode.EMBEDDED;
    }

    static StageProfile select(Properties properties, Path workDir) {
        return switch (mode(properties)) {
            case PROFILE_FILE -> StageProfile.read(workDir.resolve(properties.getProperty(STAGE_PROPERTY).trim()));
            case STACK -> {
                StageProfile profile = StackDiscovery.discover(properties.getProperty(STACK_PROPERTY).trim());
                profile.write(workDir.resolve(DISCOVERED_PROFILE));
                yield profile;
            }
            case EMBEDDED -> EmbeddedStage.profile(workDir,
                    ParameterOverrides.parse(properties.getProperty(PARAMS_PROPERTY)));
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
