package dev.turnstile.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.reports.ReportFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @Test
    void echartsIsTheVersionTheBuildResolved() {
        // set by reports/pom.xml from the parent pom's echarts.version, the only place the version is written
        String built = System.getProperty("echarts.version");

        assertThat(built).as("-Decharts.version from the build").isNotBlank();
        assertThat(HtmlReport.ECHARTS_VERSION).isEqualTo(built);
        assertThat(HtmlReport.ECHARTS).isEqualTo("META-INF/resources/webjars/echarts/" + built + "/dist/echarts.min.js");
    }

    @Test
    void thePageInlinesThatECharts(@TempDir Path root) throws Exception {
        String page = new HtmlReport().render(ReportFixtures.reportData(root));

        // echarts.min.js declares its own version; the page carries the file the webjar's metadata points at
        assertThat(page).contains(".version=\"" + HtmlReport.ECHARTS_VERSION + "\"");
    }
}
