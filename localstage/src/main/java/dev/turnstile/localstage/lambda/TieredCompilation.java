package dev.turnstile.localstage.lambda;

import java.util.List;
import java.util.Locale;

/**
 * How far an execution environment's JVM compiles hot code: Lambda's own setting, or the JVM's full tiered
 * compilation (docs/aws-behaviour.md §11).
 */
public enum TieredCompilation {

    /**
     * What Lambda's Java 17 and 21 runtimes set: {@code -XX:TieredStopAtLevel=1}, C1 only. The local stage's
     * default: on two shared cores it served 370-440 req/s against full tiered compilation's 225-260 in an
     * interleaved A/B (bench/README.md), because four writers' C2 compiler threads compete with the load.
     */
    LAMBDA(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1")),

    /**
     * The JVM's default: C1, then C2 for hot code, what Lambda keeps from Java 25 with provisioned concurrency
     * or SnapStart (docs/aws-behaviour.md §11). Slower here within a run of minutes (bench/README.md).
     */
    FULL(List.of("-XX:+TieredCompilation"));

    private final List<String> flags;

    TieredCompilation(List<String> flags) {
        this.flags = flags;
    }

    /** The JVM flags of this setting. */
    public List<String> flags() {
        return flags;
    }

    /** {@code lambda} or {@code full}, case-insensitive. */
    public static TieredCompilation parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tiered compilation must be 'lambda' (C1 only, as Lambda) or 'full' "
                    + "(C1 and C2), got '" + value + "'", e);
        }
    }
}
