package dev.turnstile.localstage.cloudwatch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A statistic CloudWatch computes over a period: {@code SampleCount}, {@code Average}, {@code Sum}, {@code Minimum},
 * {@code Maximum}, or a percentile {@code p0}–{@code p100} ({@code p99}, {@code p99.9}). Other extended statistics
 * (trimmed means, {@code IQM}, …) are not served (docs/aws-behaviour.md §8.3).
 *
 * @param name       the statistic as written in requests and responses
 * @param percentile the percentile, or null for the five basic statistics
 */
record Statistic(String name, Double percentile) {

    /** The basic statistics, in the order AWS lists them in its messages. */
    static final List<String> BASIC = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

    private static final Pattern PERCENTILE = Pattern.compile("p(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)");

    /** The statistic named {@code text}, or null when it is neither basic nor a percentile. */
    static Statistic parse(String text) {
        if (BASIC.contains(text)) {
            return new Statistic(text, null);
        }
        if (text != null && PERCENTILE.matcher(text).matches()) {
            return new Statistic(text, Double.parseDouble(text.substring(1)));
        }
        return null;
    }

    /** This statistic of {@code values} (not empty). */
    double of(ValueCounts values) {
        return percentile != null ? values.percentile(percentile) : values.basic(name);
    }
}
