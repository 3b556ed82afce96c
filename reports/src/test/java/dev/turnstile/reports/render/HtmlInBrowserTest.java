package dev.turnstile.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.reports.CapacityReport;
import dev.turnstile.reports.ReportFiles;
import dev.turnstile.reports.ReportFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the generated page in headless Chromium (no network) and fails when a script errors or a chart
 * container did not get its canvas. Skipped, with the reason printed, only when Chromium is not installed.
 */
class HtmlInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of("target", "browser-test");
    private static ReportFiles files;

    @BeforeAll
    static void generate() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = "chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium): "
                    + "the in-browser check of capacity-report.html is skipped";
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        Path root = Files.createDirectories(OUT);
        files = CapacityReport.write(ReportFixtures.reportData(root), root);
    }

    @Test
    void everyChartRendersWithoutScriptErrors() throws Exception {
        String html = Files.readString(files.html());
        List<String> charts = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"chart\" id=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            charts.add(m.group(1));
        }
        assertThat(charts).containsExactly("arrivals-0", "outcomes-0", "candidates-0", "arrivals-1", "outcomes-1",
                "candidates-1", "metrics-requests", "metrics-latency", "capacity");

        String dom = chromium("--dump-dom", files.html().toAbsolutePath().toUri().toString());

        assertThat(dom).doesNotContain("class=\"script-error\"");
        assertThat(dom).contains("data-charts-rendered=\"9\"");
        for (String id : charts) {
            int at = dom.indexOf("id=\"" + id + "\"");
            assertThat(at).as("chart container %s in the DOM", id).isPositive();
            int next = dom.indexOf("class=\"chart\"", at + 1);
            String container = dom.substring(at, next < 0 ? dom.length() : next);
            assertThat(container).as("chart %s rendered", id).contains("<canvas");
        }
    }

    @Test
    void aBrokenScriptIsCaught() throws Exception {
        // proves the check can fail: the same page with a chart container removed must report a script error
        String html = Files.readString(files.html()).replace("<div class=\"chart\" id=\"capacity\"></div>", "");
        Path broken = OUT.resolve("broken.html");
        Files.writeString(broken, html);

        String dom = chromium("--dump-dom", broken.toAbsolutePath().toUri().toString());

        assertThat(dom).contains("<div class=\"script-error\">SCRIPT-ERROR: Uncaught Error: chart container missing: capacity");
    }

    @Test
    void screenshot() throws Exception {
        Path png = OUT.resolve("capacity-report.png").toAbsolutePath();
        Files.deleteIfExists(png);

        chromium("--screenshot=" + png, "--window-size=1280,2400", files.html().toAbsolutePath().toUri().toString());

        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(50_000);
    }

    private static String chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory("turnstile-chromium");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Path stderr = OUT.resolve("chromium-stderr.log");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        assertThat(p.exitValue()).as("chromium exit code (stderr in %s)", stderr).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
