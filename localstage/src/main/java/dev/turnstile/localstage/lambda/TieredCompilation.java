package dev.turnstile.localstage.lambda;

import java.util.List;
import java.util.Locale;

/**
 * How far an execution environment's JVM compiles hot code: Lambda's own setting, or the JVM's full tiered
 * compilation (docs/aws-behaviour.md §11).
 */
public enum TieredCompilation {

    /**
     * What Lambda's Java 17 and 21 runtimes set: {@code -XX:TieredStopAtLevel=1}, C1 only. Fast first
     * invocations, but every warm invocation keeps paying C1 code's price in CPU.
     */
    LAMBDA(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1")),

    /**
     * The JVM's default: C1, then C2 for hot code. On AWS every environment has CPU of its own; here all of
     * them share the machine with the gateway, dynalite and the load generator, so the CPU a warm invocation
     * costs is what limits the local stage (bench/README.md). The local stage's default.
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
