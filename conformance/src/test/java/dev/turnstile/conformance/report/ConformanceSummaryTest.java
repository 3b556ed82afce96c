package dev.turnstile.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceSummaryTest {

    @Test
    void rendersTotalsAndAnEscapedTable(@TempDir Path dir) throws Exception {
        List<SummaryRow> rows = List.of(
                new SummaryRow("RoutingIT › unknown path", "403 MissingAuthenticationTokenException {\"message\":\"Missing Authentication Token\"}",
                        "403 MissingAuthenticationTokenException {\"message\":\"Missing Authentication Token\"}", SummaryRow.Verdict.PASS),
                new SummaryRow("UsagePlanIT › burst", "", "skipped: needs the clock", SummaryRow.Verdict.SKIP),
                new SummaryRow("WriterIT › a|b", "400", "500 line1\nline2", SummaryRow.Verdict.FAIL));
        String md = ConformanceSummary.render("local stage http://127.0.0.1:1/Prod", rows);
        assertThat(md).isEqualTo("""
                # Turnstile conformance summary

                Stage: local stage http://127.0.0.1:1/Prod

                Cases: 3 — pass 1, fail 1, skipped 1

                | case | expected | observed | verdict |
                |---|---|---|---|
                | RoutingIT › unknown path | 403 MissingAuthenticationTokenException {"message":"Missing Authentication Token"} \
                | 403 MissingAuthenticationTokenException {"message":"Missing Authentication Token"} | PASS |
                | UsagePlanIT › burst |  | skipped: needs the clock | SKIP |
                | WriterIT › a\\|b | 400 | 500 line1<br>line2 | FAIL |
                """);
        Path file = dir.resolve("out/summary.md");
        ConformanceSummary.write(file, "s", rows);
        assertThat(Files.readString(file)).startsWith("# Turnstile conformance summary");
    }

    @Test
    void longCellsAreCut() {
        assertThat(ConformanceSummary.cell("x".repeat(400))).hasSize(301).endsWith("…");
    }
}
