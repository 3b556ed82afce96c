package dev.turnstile.simulations;

import dev.turnstile.stage.selection.ParameterOverrides;
import dev.turnstile.stage.selection.StageSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The simulations' knobs, from system properties ({@code -Dname=value} on the mvn command line reaches the Gatling
 * JVM), read here and nowhere else. Every limit the simulations test comes from the stage profile; these choose the
 * stage and shape the load and the tolerance.
 *
 * <table>
 *   <tr><td>{@code turnstile.stage}, {@code turnstile.stack}, {@code turnstile.params}</td><td>the stage, as
 *       {@link StageSelection#fromProperties} reads them; an embedded stage without {@code turnstile.params} runs
 *       the template's own parameters (Capacity's: an unthrottled plan)</td></tr>
 *   <tr><td>{@code turnstile.throttle.factor}</td><td>ThrottleRate's offered rate as a multiple of the plan rate (2)</td></tr>
 *   <tr><td>{@code turnstile.throttle.duration}</td><td>ThrottleRate's duration, ISO-8601 or seconds (PT30S)</td></tr>
 *   <tr><td>{@code turnstile.tolerance.percent}</td><td>band around an expected admitted count, % (2 local, 10 AWS)</td></tr>
 *   <tr><td>{@code turnstile.tolerance.requests}</td><td>plus this many requests (2 local, 10 AWS)</td></tr>
 *   <tr><td>{@code turnstile.quota.extra}</td><td>requests sent past the quota (10)</td></tr>
 *   <tr><td>{@code turnstile.mix.rate}, {@code turnstile.mix.duration}</td><td>AuthorizerMix load (half the plan rate, PT15S)</td></tr>
 *   <tr><td>{@code turnstile.capacity.steps}, {@code turnstile.capacity.hold}</td><td>Capacity steps (50,100,200,400,800) and hold (PT10S)</td></tr>
 *   <tr><td>{@code turnstile.capacity.p99}, {@code turnstile.capacity.errors}</td><td>Capacity stop thresholds (1000 ms, 0.01)</td></tr>
 *   <tr><td>{@code turnstile.capacity.key}</td><td>Capacity's key id on a stage whose standard plan throttles (none)</td></tr>
 *   <tr><td>{@code turnstile.injectors}, {@code turnstile.injector}</td><td>multi-injector split: N and this one's index 0..N-1</td></tr>
 *   <tr><td>{@code turnstile.p99}</td><td>p99 latency Gatling's assertions allow, ms (5000)</td></tr>
 *   <tr><td>{@code turnstile.warmup}</td><td>warm a local stage's Lambda environments before measuring: true (5 s),
 *       false, or a duration</td></tr>
 *   <tr><td>{@code turnstile.offered.share}</td><td>least share of the asked arrival rate the injector must have
 *       offered for a rate verdict to stand (0.95)</td></tr>
 * </table>
 *
 * @param properties where the values come from (the system properties in a run)
 * @param aws        true for a deployed stage, whose defaults are wider (AWS calls enforcement best effort)
 */
public record SimulationSettings(Properties properties, boolean aws) {

    /** The settings of this JVM. */
    public static SimulationSettings fromSystem(boolean aws) {
        return new SimulationSettings(System.getProperties(), aws);
    }

    /**
     * The stage this JVM's system properties select; an embedded one without {@code -Dturnstile.params} starts with
     * {@code embeddedDefaults} (null: the template's own parameters).
     */
    public static StageSelection stageFromSystem(String embeddedDefaults) {
        return stage(System.getProperties(), embeddedDefaults);
    }

    /**
     * The stage {@code properties} select ({@link StageSelection#fromProperties}: a profile file, a stack, else the
     * embedded stage with {@code turnstile.params}). Every simulation but Capacity runs the template's own plan
     * ({@code embeddedDefaults} null): the main job verifies what the template deploys. Capacity passes the
     * parameters of a plan that does not throttle ({@code Name=Value,…}), used when {@code turnstile.params} is not
     * set. Smaller machines scale the plan down with {@code -Dturnstile.params=ThrottleRate=20,ThrottleBurst=40}.
     */
    public static StageSelection stage(Properties properties, String embeddedDefaults) {
        StageSelection chosen = StageSelection.fromProperties(properties, Path.of(""));
        if (embeddedDefaults == null || chosen.mode() != StageSelection.Mode.EMBEDDED
                || properties.getProperty(StageSelection.PARAMS_PROPERTY) != null) {
            return chosen;
        }
        return StageSelection.embedded().parameters(ParameterOverrides.parse(embeddedDefaults))
                .workDir(chosen.workDir()).build();
    }

    public double throttleFactor() {
        return positive("turnstile.throttle.factor", 2.0);
    }

    public Duration throttleDuration() {
        return duration("turnstile.throttle.duration", Duration.ofSeconds(30));
    }

    /** The tolerance band's relative part (0.02 = 2 %). */
    public double tolerancePercent() {
        return nonNegative("turnstile.tolerance.percent", aws ? 10 : 2) / 100.0;
    }

    /** The tolerance band's absolute part, in requests. */
    public long toleranceRequests() {
        return (long) nonNegative("turnstile.tolerance.requests", aws ? 10 : 2);
    }

    public long quotaExtra() {
        return (long) nonNegative("turnstile.quota.extra", 10);
    }

    /** AuthorizerMix's rate: {@code turnstile.mix.rate}, by default half the plan's rate (below its limits). */
    public double mixRate(double planRate) {
        return positive("turnstile.mix.rate", planRate / 2);
    }

    public Duration mixDuration() {
        return duration("turnstile.mix.duration", Duration.ofSeconds(15));
    }

    /** Offered rates of the Capacity steps, ascending. */
    public double[] capacitySteps() {
        String raw = properties.getProperty("turnstile.capacity.steps", "50,100,200,400,800");
        String[] parts = raw.split(",");
        double[] steps = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                steps[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dturnstile.capacity.steps must be comma-separated rates, got "
                        + raw, e);
            }
            if (!(steps[i] > 0) || (i > 0 && steps[i] <= steps[i - 1])) {
                throw new IllegalArgumentException("-Dturnstile.capacity.steps must be positive and ascending, got "
                        + raw);
            }
        }
        return steps;
    }

    public Duration capacityHold() {
        return duration("turnstile.capacity.hold", Duration.ofSeconds(10));
    }

    public double capacityP99Ms() {
        return positive("turnstile.capacity.p99", 1000);
    }

    public double capacityErrorShare() {
        return nonNegative("turnstile.capacity.errors", 0.01);
    }

    /** A key id for Capacity ({@code turnstile.capacity.key}); empty: the standard plan's first key. */
    public Optional<String> capacityKey() {
        String raw = properties.getProperty("turnstile.capacity.key");
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    /** The p99 latency Gatling's assertions allow ({@code turnstile.p99}, ms): 5,000 — throttling is under test. */
    public int p99Ms() {
        double value = positive("turnstile.p99", 5_000);
        if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-Dturnstile.p99 must be a positive whole number of ms, got "
                    + properties.getProperty("turnstile.p99"));
        }
        return (int) value;
    }

    /**
     * How long to warm a local stage's Lambda environments first ({@code turnstile.warmup}): {@code true} (the
     * default) for 5 s, {@code false} for not at all, or a duration (seconds or ISO-8601).
     */
    public Duration warmUp() {
        String raw = properties.getProperty("turnstile.warmup");
        if (raw == null || raw.isBlank() || "true".equalsIgnoreCase(raw.trim())) {
            return Duration.ofSeconds(5);
        }
        if ("false".equalsIgnoreCase(raw.trim())) {
            return Duration.ZERO;
        }
        try {
            return duration("turnstile.warmup", null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dturnstile.warmup must be true, false or a duration (seconds or "
                    + "ISO-8601 like PT10S), got " + raw, e);
        }
    }

    /**
     * The least share of a simulation's asked arrival rate the injector must have offered
     * ({@code turnstile.offered.share}, default 0.95): below it the machine could not generate the load, and a verdict
     * on the usage plan would describe the injector instead.
     */
    public double offeredShare() {
        double value = positive("turnstile.offered.share", 0.95);
        if (value > 1) {
            throw new IllegalArgumentException("-Dturnstile.offered.share must be in (0, 1], got " + value);
        }
        return value;
    }

    /** The injector split of this process. */
    public InjectorShare injectorShare() {
        int count = (int) positive("turnstile.injectors", 1);
        int index = (int) nonNegative("turnstile.injector", 0);
        return new InjectorShare(count, index);
    }

    private double positive(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value > 0)) {
            throw new IllegalArgumentException("-D" + name + " must be > 0, got " + value);
        }
        return value;
    }

    private double nonNegative(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value >= 0)) {
            throw new IllegalArgumentException("-D" + name + " must be ≥ 0, got " + value);
        }
        return value;
    }

    private double number(String name, double fallback) {
        String raw = properties.getProperty(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a number, got " + raw, e);
        }
    }

    private Duration duration(String name, Duration fallback) {
        String raw = properties.getProperty(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String value = raw.trim();
        try {
            Duration d = value.matches("\\d+(\\.\\d+)?")
                    ? Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000))
                    : Duration.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("-D" + name + " must be positive, got " + raw);
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-D" + name + " must be seconds or an ISO-8601 duration like PT30S, got "
                    + raw, e);
        }
    }
}
