package dev.turnstile.conformance.crosscheck;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metric part of a run's cross-check ({@code crosscheck.json → metrics}): what CloudWatch published for the run's
 * minutes against what the ledger sent, with the stage's other traffic in those minutes bounded by its own logs.
 *
 * @param apiName the {@code ApiName} dimension read
 * @param checks  one per metric and minute (Count) or per metric over the run's minutes (the sums)
 * @param notes   what limited the comparison (no access log, no writer function)
 * @param error   why CloudWatch could not be read at all, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsCheckReport(String apiName, List<Check> checks, List<String> notes, String error) {

    /**
     * One comparison: {@code observed} must lie in {@code [expectedMin, expectedMax]}.
     *
     * @param metric      {@code AWS/ApiGateway Count}, {@code AWS/Lambda Invocations (turnstile-writer)} …
     * @param window      the minute (ISO-8601, {@code 2026-12-03T16:06Z}) or the span of minutes summed
     * @param observed    CloudWatch's figure (Sum)
     * @param expectedMin fewest the ledger and the stage's logs allow
     * @param expectedMax most they allow
     * @param basis       where the bounds come from, e.g. {@code ledger 40 of this run, access log 41}
     */
    public record Check(String metric, String window, double observed, long expectedMin, long expectedMax, String basis) {
        @JsonIgnore
        public boolean holds() {
            return observed >= expectedMin && observed <= expectedMax;
        }

        String expected() {
            return expectedMin == expectedMax ? Long.toString(expectedMin) : expectedMin + ".." + expectedMax;
        }
    }

    public MetricsCheckReport {
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    /** A disagreement names the metric, the minute and both figures. */
    public List<String> failures() {
        List<String> lines = new ArrayList<>();
        if (error != null) {
            lines.add("metrics could not be read: " + error);
        }
        for (Check c : checks) {
            if (!c.holds()) {
                lines.add("metric " + c.metric() + " at " + c.window() + ": CloudWatch " + number(c.observed())
                        + ", expected " + c.expected() + " (" + c.basis() + ")");
            }
        }
        return lines;
    }

    /** One line for a verdict's summary. */
    public String summary() {
        if (error != null) {
            return "metrics FAIL: " + error;
        }
        List<Check> minutes = checks.stream().filter(c -> c.metric().endsWith(" Count")).toList();
        List<String> perMinute = new ArrayList<>();
        minutes.stream().limit(3).forEach(c -> perMinute.add(c.window().substring(11) + " " + number(c.observed())
                + " in [" + c.expectedMin() + ", " + c.expectedMax() + "]"));
        if (minutes.size() > 3) {
            perMinute.add("… " + (minutes.size() - 3) + " more minutes");
        }
        List<String> parts = new ArrayList<>();
        parts.add("Count per minute " + String.join(", ", perMinute));
        checks.stream().filter(c -> !c.metric().endsWith(" Count"))
                .forEach(c -> parts.add(c.metric().replaceFirst("^AWS/\\S+ ", "") + " " + number(c.observed())
                        + " in [" + c.expectedMin() + ", " + c.expectedMax() + "]"));
        String head = "metrics " + (failures().isEmpty() ? "PASS" : "FAIL") + " (ApiName " + apiName + "): ";
        return head + String.join(", ", parts) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
