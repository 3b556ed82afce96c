package dev.turnstile.reports.render;

import dev.turnstile.reports.model.CapacityReportData;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Renders {@code capacity-report.html}: one self-contained page (ECharts from the webjar and the chart code
 * inlined, data embedded as script-safe JSON), text auto-escaped by Pebble.
 */
public final class HtmlReport {

    /** The webjar's Maven metadata: its version is the one the build resolved (the parent pom's echarts.version). */
    private static final String WEBJAR_METADATA = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    /** The ECharts version on the classpath, read from the webjar rather than written here a second time. */
    static final String ECHARTS_VERSION = webjarVersion();
    /** ECharts inside the {@code org.webjars.npm:echarts} jar. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";
    private static final String BASE = "dev/turnstile/reports/render/";

    private final PebbleEngine engine;
    private final String echarts;
    private final String chartsJs;

    public HtmlReport() {
        ClasspathLoader loader = new ClasspathLoader(HtmlReport.class.getClassLoader());
        loader.setPrefix(BASE);
        this.engine = new PebbleEngine.Builder().loader(loader).strictVariables(true).autoEscaping(true)
                .defaultLocale(Locale.ROOT).build();
        this.echarts = inlineScript(resource(ECHARTS), ECHARTS);
        this.chartsJs = inlineScript(resource(BASE + "charts.js"), "charts.js");
    }

    /** The page for the data. */
    public String render(CapacityReportData data) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("data", data);
        ctx.put("dataJson", ReportJson.scriptSafe(data));
        ctx.put("echarts", echarts);
        ctx.put("chartsJs", chartsJs);
        ctx.put("recommendations", ReportRows.recommendations(data));
        ctx.put("replays", ReportRows.replays(data));
        ctx.put("routes", ReportRows.routes(data));
        ctx.put("steps", ReportRows.steps(data));
        ctx.put("plans", ReportRows.plans(data));
        ctx.put("metricsAdvice", ReportRows.metricsRecommendation(data));
        ctx.put("metricsRequests", data.metrics() == null ? 0 : data.metrics().requests());
        ctx.put("targetPercent", ReportRows.pct(data.settings().targetRejection()));
        ctx.put("headroomPercent", ReportRows.num(data.settings().headroom() * 100) + " %");
        ctx.put("thresholdText", ReportRows.num(data.settings().latencyThresholdMs()));
        ctx.put("kneeText", data.capacity() == null || data.capacity().knee() == null ? ""
                : ReportRows.num(data.capacity().knee().offeredRps()) + " req/s offered, "
                + ReportRows.num(data.capacity().knee().throughputRps()) + " req/s carried, p99 "
                + ReportRows.num(data.capacity().knee().p99Ms()) + " ms");
        PebbleTemplate template = engine.getTemplate("capacity-report.peb");
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, ctx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the capacity report", e);
        }
        return out.toString();
    }

    private static String webjarVersion() {
        Properties metadata = new Properties();
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(WEBJAR_METADATA)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar (org.webjars.npm:echarts) is not on the classpath: "
                        + WEBJAR_METADATA + " is missing");
            }
            metadata.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_METADATA, e);
        }
        String version = metadata.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(WEBJAR_METADATA + " names no version");
        }
        return version.trim();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Refuses a script that would end its own {@code <script>} element early. */
    private static String inlineScript(String js, String name) {
        if (js.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(name + " contains '</script' and cannot be inlined");
        }
        return js;
    }
}
