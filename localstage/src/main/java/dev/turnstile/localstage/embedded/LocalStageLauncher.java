package dev.turnstile.localstage.embedded;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.stage.embedded.EmbeddedStageLauncher;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local stage as the stage contract's embedded mode: registered in
 * {@code META-INF/services/dev.turnstile.stage.embedded.EmbeddedStageLauncher}, so having this artifact on the
 * classpath is all a suite needs to run against an in-process stage. Starts {@link LocalStage} on free ports of
 * 127.0.0.1 with the options' other defaults, every function's environments pre-warmed up to the concurrency cap.
 */
public final class LocalStageLauncher implements EmbeddedStageLauncher {

    @Override
    public LaunchedStage launch(Path template, Path dataDir, Map<String, String> parameters) {
        LocalStageOptions defaults = LocalStageOptions.builder(template, dataDir).build();
        // every environment a function may use is started before the stage is handed over, under the pre-warm
        // init limit: a suite measures from its first request, and on-demand cold starts on a busy machine overrun
        // Lambda's 10 s init limit (docs/aws-behaviour.md §11)
        LocalStage stage = LocalStage.start(LocalStageOptions.builder(template, dataDir)
                .port(0)
                .parameters(parameters)
                .prewarm(defaults.concurrencyCap())
                .build());
        return new LaunchedStage() {
            @Override
            public StageProfile profile() {
                return stage.profile();
            }

            @Override
            public void close() {
                stage.close();
            }
        };
    }
}
