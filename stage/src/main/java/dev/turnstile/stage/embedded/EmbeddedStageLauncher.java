package dev.turnstile.stage.embedded;

import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service that starts an in-process local stage for embedded mode. The stage contract does not know the
 * emulator: {@code dev.turnstile:turnstile-localstage} implements this interface and registers it in
 * {@code META-INF/services/dev.turnstile.stage.embedded.EmbeddedStageLauncher}, and {@link EmbeddedStage} finds it
 * with {@link java.util.ServiceLoader} — so a suite that tests a deployed stage never has the emulator on its
 * classpath, and one that wants the embedded stage adds the local stage at runtime scope.
 */
public interface EmbeddedStageLauncher {

    /**
     * Starts a local stage and returns once every face answers.
     *
     * @param template   the SAM template ({@code sam/template.yaml})
     * @param dataDir    where its state lives; empty when called
     * @param parameters template parameter overrides (name → value), possibly empty
     * @return the running stage; closing it stops everything it started
     */
    LaunchedStage launch(Path template, Path dataDir, Map<String, String> parameters);

    /** A running embedded stage. */
    interface LaunchedStage extends AutoCloseable {

        /** The stage's profile, as it also wrote it to {@code dataDir/stage.json}. */
        StageProfile profile();

        /** Stops the stage (Lambda environments, DynamoDB, listeners); idempotent. */
        @Override
        void close();
    }
}
