package dev.turnstile.localstage.dynamodb;

import java.time.Instant;

/**
 * What the supervisor knows about the stage's DynamoDB right now.
 *
 * @param state       serving, or why not
 * @param endpoint    the endpoint (the same across restarts)
 * @param pid         dynalite's process id, or -1 (external endpoint, or between processes)
 * @param restarts    how many times dynalite was started again since the stage started
 * @param since       when the state began
 * @param lastFailure the last death or failed probe, or null
 */
public record DynamoDbHealth(State state, String endpoint, long pid, int restarts, Instant since, String lastFailure) {

    /** The supervisor's states. */
    public enum State {
        /** Answering its health probe. */
        SERVING,
        /** Dead or killed after failing its probes; being started again on the same data directory and port. */
        RESTARTING,
        /** An external endpoint that does not answer its probe (the stage does not manage it). */
        UNREACHABLE,
        /** Stopped with the stage. */
        STOPPED
    }

    /** True when writes can succeed. */
    public boolean ready() {
        return state == State.SERVING;
    }
}
