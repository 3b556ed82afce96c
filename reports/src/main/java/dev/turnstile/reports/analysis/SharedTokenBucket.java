package dev.turnstile.reports.analysis;

/**
 * The one place that decides which token-bucket implementation replays use: the local stage's, so a replay
 * predicts exactly what the local stage enforces.
 */
public final class SharedTokenBucket {

    /** Buckets for replays. */
    public static final Bucket.Factory FACTORY = InterimTokenBucket::new;

    private SharedTokenBucket() {
    }
}
