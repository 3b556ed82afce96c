package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PlatformLinesTest {

    @Test
    void twoDecimalsPrintsWhatTheFormatterPrints() {
        for (double d : new double[] {0, 0.004, 0.005, 0.01, 0.1, 1, 1.999, 2.345, 9.99, 10.05, 123.456, 10_000.5}) {
            assertThat(PlatformLines.twoDecimals(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.2f", d));
        }
    }

    @Test
    void reportLineIsLambdasShape() {
        assertThat(PlatformLines.report("r-1", 12.3456, 512, 87, null)).isEqualTo(
                "REPORT RequestId: r-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\t"
                        + "Max Memory Used: 87 MB\t\n");
        assertThat(PlatformLines.report("r-2", 3.2, 128, 40, 456.789)).isEqualTo(
                "REPORT RequestId: r-2\tDuration: 3.20 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\t"
                        + "Max Memory Used: 40 MB\tInit Duration: 456.79 ms\t\n");
    }
}
