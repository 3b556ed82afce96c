package dev.turnstile.conformance.report;

/**
 * One line of the conformance summary.
 *
 * @param testCase  {@code Class › test} display name
 * @param expected  what AWS does (status, error type, body…), or empty
 * @param observed  what the stage did, or the failure/skip reason
 * @param verdict   PASS, FAIL or SKIP
 */
public record SummaryRow(String testCase, String expected, String observed, Verdict verdict) {

    /** Outcome of one case. */
    public enum Verdict { PASS, FAIL, SKIP }
}
