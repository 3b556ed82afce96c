package dev.turnstile.localstage;

import dev.turnstile.localstage.profile.StageProfile;
import dev.turnstile.localstage.time.StageClock;
import java.nio.file.Path;

/**
 * The embedded local stage: one in-process instance serving execute-api, the Lambda runtime, CloudWatch
 * Logs, the usage API and a supervised DynamoDB, built from {@code sam/template.yaml}.
 */
public final class LocalStage implements AutoCloseable {

    private LocalStage() {
    }

    /** Starts a stage; returns when every face answers and {@code stage.json} is written. */
    public static LocalStage start(LocalStageOptions options) {
        throw new IllegalStateException("LocalStage wiring lands with the integration commit");
    }

    /** The stage profile (also written to {@code dataDir/stage.json}). */
    public StageProfile profile() {
        throw new IllegalStateException("not wired");
    }

    /** The stage clock (token buckets, quotas, authorizer cache). */
    public StageClock clock() {
        throw new IllegalStateException("not wired");
    }

    /** The data directory. */
    public Path dataDir() {
        throw new IllegalStateException("not wired");
    }

    /** Stops every face and the supervised DynamoDB; queued asynchronous invocations are persisted. */
    @Override
    public void close() {
    }
}
