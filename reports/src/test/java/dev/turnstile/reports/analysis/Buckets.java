package dev.turnstile.reports.analysis;

/** The bucket factory the tests replay with: the same one the report uses. */
final class Buckets {
    static final Bucket.Factory SHARED = SharedTokenBucket.FACTORY;

    private Buckets() {
    }
}
