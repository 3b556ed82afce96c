package dev.turnstile.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.reports.CapacityReport;
import dev.turnstile.reports.ReportFiles;
import dev.turnstile.reports.ReportFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the generated page in headless Chromium (no network) and fails when a script errors, a chart container did
 * not get its canvas, or a chart's ECharts instance does not hold the series of the embedded data or painted nothing. Skipped, with the reason printed, only when Chromium is not installed.
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
    void everyChartHoldsTheSeriesOfItsDataAndPaintedThem() throws Exception {
        String html = Files.readString(files.html());
        JsonNode data = new ObjectMapper().readTree(between(html, "<script type=\"application/json\" id=\"report-data\">",
                "</script>"));
        Map<String, List<String>> expected = expectedSeries(data);
        // after the page's scripts: what each chart's ECharts instance holds and how much of its canvas it painted
        Path probed = OUT.resolve("probed.html");
        int end = html.lastIndexOf("</body>"); // the inlined ECharts holds the string "</body>" too
        Files.writeString(probed, html.substring(0, end) + PROBE + html.substring(end));

        String dom = chromium("--dump-dom", probed.toAbsolutePath().toUri().toString());

        assertThat(dom).doesNotContain("class=\"script-error\"");
        assertThat(attribute(dom, "<body", "data-probe-echarts")).isEqualTo(HtmlReport.ECHARTS_VERSION);
        assertThat(expected.keySet()).hasSize(9);
        for (Map.Entry<String, List<String>> chart : expected.entrySet()) {
            String id = chart.getKey();
            assertThat(attribute(dom, "id=\"" + id + "\"", "data-probe-series")).as("series of %s", id)
                    .isEqualTo(String.join("|", chart.getValue()));
            long painted = Long.parseLong(attribute(dom, "id=\"" + id + "\"", "data-probe-painted"));
            assertThat(painted).as("pixels painted in %s's canvas", id).isGreaterThan(2_000);
        }
    }

    /** The series charts.js must draw from the embedded data: {@code name:points} in the order it declares them. */
    private static Map<String, List<String>> expectedSeries(JsonNode data) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < data.get("keys").size(); i++) {
            JsonNode key = data.get("keys").get(i);
            JsonNode s = key.get("series");
            out.put("arrivals-" + i, List.of("arrivals:" + s.get("arrivalsPeakPerSecond").size()));
            out.put("outcomes-" + i, List.of("admitted:" + s.get("admitted").size(),
                    "throttled:" + s.get("throttled").size(), "over quota:" + s.get("quotaExceeded").size()));
            Map<Integer, Integer> bursts = new TreeMap<>(); // a JS object lists integer keys in ascending order
            key.get("candidates").forEach(c -> bursts.merge(c.get("burstLimit").asInt(), 1, Integer::sum));
            assertThat(bursts).as("candidates of key %d", i).isNotEmpty();
            List<String> names = new ArrayList<>();
            bursts.forEach((burst, n) -> names.add("burst " + burst + ":" + n));
            out.put("candidates-" + i, names);
        }
        int periods = data.get("metrics").get("count").size();
        out.put("metrics-requests", List.of("Count:" + periods, "4XXError:" + periods, "5XXError:" + periods));
        out.put("metrics-latency", List.of("Latency p50:" + periods, "Latency p90:" + periods,
                "Latency p99:" + periods, "IntegrationLatency p99:" + periods));
        int steps = data.get("capacity").get("steps").size();
        out.put("capacity", List.of("p50:" + steps, "p95:" + steps, "p99:" + steps, "throughput:" + steps));
        return out;
    }

    /** Reads back each chart's ECharts instance and counts the non-transparent pixels of its canvas. */
    private static final String PROBE = """
            <script>(function () {
              document.querySelectorAll('div.chart').forEach(function (el) {
                var c = echarts.getInstanceByDom(el);
                if (!c) { el.setAttribute('data-probe-series', 'no ECharts instance'); return; }
                el.setAttribute('data-probe-series', c.getOption().series.map(function (s) {
                  return s.name + ':' + (s.data ? s.data.length : 0); }).join('|'));
                var canvas = el.querySelector('canvas'), painted = 0;
                if (canvas) {
                  var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  for (var i = 3; i < px.length; i += 4) { if (px[i] !== 0) { painted++; } }
                }
                el.setAttribute('data-probe-painted', String(painted));
              });
              document.body.setAttribute('data-probe-echarts', echarts.version);
            })();</script>
            """;

    /** The value of {@code name} on the first element whose start tag contains {@code marker}. */
    private static String attribute(String dom, String marker, String name) {
        int at = dom.indexOf(marker);
        assertThat(at).as("element %s in the DOM", marker).isNotNegative();
        int tagStart = dom.lastIndexOf('<', at);
        String tag = dom.substring(tagStart, dom.indexOf('>', at));
        Matcher m = Pattern.compile(" " + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as("attribute %s on %s", name, tag).isTrue();
        return m.group(1).replace("&amp;", "&").replace("&quot;", "\"");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
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
