package dev.turnstile.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Renders {@code conformance-summary.md}: a Markdown table of case, expected, observed and verdict, with totals. */
public final class ConformanceSummary {

    private ConformanceSummary() {
    }

    /** The Markdown text for {@code rows} against the stage described by {@code stage}. */
    public static String render(String stage, List<SummaryRow> rows) {
        Map<SummaryRow.Verdict, Integer> totals = new EnumMap<>(SummaryRow.Verdict.class);
        rows.forEach(r -> totals.merge(r.verdict(), 1, Integer::sum));
        StringBuilder md = new StringBuilder();
        md.append("# Turnstile conformance summary\n\n");
        md.append("Stage: ").append(cell(stage)).append("\n\n");
        md.append("Cases: ").append(rows.size()).append(" — pass ").append(totals.getOrDefault(SummaryRow.Verdict.PASS, 0))
                .append(", fail ").append(totals.getOrDefault(SummaryRow.Verdict.FAIL, 0))
                .append(", skipped ").append(totals.getOrDefault(SummaryRow.Verdict.SKIP, 0)).append("\n\n");
        md.append("| case | expected | observed | verdict |\n|---|---|---|---|\n");
        for (SummaryRow r : rows) {
            md.append("| ").append(cell(r.testCase())).append(" | ").append(cell(r.expected())).append(" | ")
                    .append(cell(r.observed())).append(" | ").append(r.verdict()).append(" |\n");
        }
        return md.toString();
    }

    /** Writes the summary to {@code file}. */
    public static void write(Path file, String stage, List<SummaryRow> rows) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(stage, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Escapes a table cell: pipes, newlines and backticks would break the row. */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String flat = text.replace("\r", "").replace("\n", "<br>").replace("|", "\\|");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
