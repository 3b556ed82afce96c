package dev.turnstile.simulations;

import dev.turnstile.conformance.crosscheck.CrossCheckReport;
import dev.turnstile.simulations.verdict.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;

/** The one-screen summary printed at the end of a simulation (or of a merge). */
public final class Summary {

    private Summary() {
    }

    public static void print(PrintStream out, Verdict verdict, CrossCheckReport check, Path runDir, String report) {
        String bar = "=".repeat(100);
        out.println(bar);
        out.println("Turnstile " + verdict.simulation() + " " + (verdict.pass() ? "PASS" : "FAIL") + "  run "
                + verdict.runId());
        out.println("  expected: " + verdict.expected());
        out.println("  observed: " + verdict.observed());
        out.println("  cross-check " + (check.passed() ? "PASS" : "FAIL") + ": " + check.requests() + " requests "
                + check.statusCounts() + ", authorizers " + check.authorizers().stream()
                .map(a -> a.authorizer() + " " + a.observed() + " in [" + a.expectedMin() + ", " + a.expectedMax() + "]")
                .toList());
        out.println("  cross-check " + (check.metrics() == null ? "metrics not compared" : check.metrics().summary()));
        verdict.failures().forEach(f -> out.println("  FAILED " + f));
        out.println("  run folder: " + runDir);
        if (verdict.gatlingReport() != null) {
            out.println("  Gatling report: " + verdict.gatlingReport());
        }
        out.println("  capacity report: " + report);
        out.println(bar);
    }
}
