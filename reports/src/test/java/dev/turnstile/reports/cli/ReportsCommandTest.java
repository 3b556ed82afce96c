package dev.turnstile.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.reports.ReportFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsCommandTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(ReportFixtures.TO, ZoneOffset.UTC);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ReportsCommand.execute(clock, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void capacityFromTheLedgerWritesTheThreeFiles() throws Exception {
        Path stage = tmp.resolve("stage.json");
        ReportFixtures.profile().write(stage);
        Path runDir = ReportFixtures.capacityRun(tmp);
        Path outDir = tmp.resolve("out");

        // 2 requests 1 ms apart: raw rate 1, raw burst 2, × 1.5; an hour holds no whole day, so no quota
        int code = run("capacity", "--stage", stage.toString(), "--from", "PT1H", "--run", runDir.toString(),
                "--out", outDir.toString(), "--source", "ledger", "--headroom", "0.5");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("key **********aaa1: 2 requests, peak 2/s → recommended rate 2, burst 3, "
                + "quota none (needs a whole DAY)").contains("error RUN_FAILED: run run-capacity-1")
                .contains("wrote " + outDir.resolve("capacity-report.html"));
        assertThat(outDir.resolve("capacity-report.json")).exists();
        assertThat(Files.readString(outDir.resolve("capacity-report.json"))).contains("\"from\" : \"2026-01-01T10:00:00Z\"")
                .contains("\"headroom\" : 0.5").doesNotContain(ReportFixtures.STD_KEY_VALUE);
        assertThat(outDir.resolve("capacity-report.md")).exists();
    }

    @Test
    void badArgumentsAreClearErrors() throws Exception {
        Path stage = tmp.resolve("stage.json");
        ReportFixtures.profile().write(stage);

        assertThat(run("capacity", "--stage", stage.toString(), "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("'yesterday' is neither an ISO-8601 instant (e.g. 2026-01-01T10:00:00Z) "
                + "nor a duration back from now (e.g. PT1H, P1D)");

        assertThat(run("capacity", "--stage", tmp.resolve("none.json").toString(), "--from", "PT1H")).isEqualTo(2);
        assertThat(err.toString()).contains("stage profile not found: " + tmp.resolve("none.json").toAbsolutePath());

        assertThat(run("capacity", "--stage", stage.toString(), "--from", "PT1H", "--source", "ledger")).isEqualTo(2);
        assertThat(err.toString()).contains("arrivals from the ledger need at least one run folder");

        assertThat(run("capacity", "--stage", stage.toString(), "--from", "PT1H", "--to", "PT2H")).isEqualTo(2);
        assertThat(err.toString()).contains("the window must start before it ends");

        assertThat(run("capacity", "--stage", stage.toString(), "--from", "PT1H", "--run", tmp.resolve("x").toString(),
                "--source", "ledger")).isEqualTo(1);
        assertThat(err.toString()).contains("capacity report failed: run folder not found: " + tmp.resolve("x").toAbsolutePath());
    }
}
