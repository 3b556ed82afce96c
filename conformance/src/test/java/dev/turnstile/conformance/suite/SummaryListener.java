package dev.turnstile.conformance.suite;

import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.report.ConformanceSummary;
import dev.turnstile.conformance.report.SummaryRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code target/turnstile/conformance-summary.md} (case, expected, observed, verdict) for the conformance
 * classes of a test run; registered through {@code META-INF/services}, silent for runs without conformance classes.
 * The stage in the header is what each class's {@link TurnstileStage} published under
 * {@link TurnstileStage#STAGE_ENTRY}.
 */
public final class SummaryListener implements TestExecutionListener {

    static final Path FILE = Path.of("target", "turnstile", "conformance-summary.md");
    private static final String SUITE_PACKAGE = SummaryListener.class.getPackageName() + ".";

    private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    private final List<SummaryRow> rows = new ArrayList<>();
    private final Set<String> stages = new LinkedHashSet<>();

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entries.computeIfAbsent(test.getUniqueId(), k -> new ConcurrentHashMap<>()).putAll(entry.getKeyValuePairs());
        String stage = entry.getKeyValuePairs().get(TurnstileStage.STAGE_ENTRY);
        if (stage != null && ours(test)) {
            stages.add(stage);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (ours(test)) {
            rows.add(new SummaryRow(name(test), "", "skipped: " + reason, SummaryRow.Verdict.SKIP));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!ours(test)) {
            return;
        }
        Map<String, String> values = entries.getOrDefault(test.getUniqueId(), Map.of());
        String expected = values.getOrDefault("expected", "");
        String observed = values.getOrDefault("observed", "");
        String failure = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("");
        SummaryRow.Verdict verdict = switch (result.getStatus()) {
            case SUCCESSFUL -> SummaryRow.Verdict.PASS;
            case ABORTED -> SummaryRow.Verdict.SKIP; // an assumption failed: not applicable to this stage
            case FAILED -> SummaryRow.Verdict.FAIL;
        };
        if (verdict == SummaryRow.Verdict.SKIP) {
            observed = "skipped: " + result.getThrowable().map(Throwable::getMessage).orElse("");
        } else if (verdict == SummaryRow.Verdict.FAIL) {
            observed = observed.isEmpty() ? failure : observed + " — " + failure;
        }
        if (test.isTest() || verdict == SummaryRow.Verdict.FAIL) {
            // a failed class (e.g. its cross-check in @AfterAll) gets its own row
            rows.add(new SummaryRow(name(test), expected, observed, verdict));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (!rows.isEmpty()) {
            ConformanceSummary.write(FILE, stages.isEmpty() ? "not started" : String.join(", ", stages), rows);
        }
    }

    private static boolean ours(TestIdentifier test) {
        return test.getSource().map(s -> s instanceof MethodSource m ? m.getClassName()
                        : s instanceof org.junit.platform.engine.support.descriptor.ClassSource c ? c.getClassName() : "")
                .map(c -> c.startsWith(SUITE_PACKAGE)).orElse(false);
    }

    private static String name(TestIdentifier test) {
        return test.getSource().map(s -> s instanceof MethodSource m
                        ? m.getClassName().substring(SUITE_PACKAGE.length()) + " › " + test.getDisplayName()
                        : test.getDisplayName() + " (class)")
                .orElse(test.getDisplayName());
    }
}
