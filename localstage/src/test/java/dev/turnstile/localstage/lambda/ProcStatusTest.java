package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatusTest {

    @Test
    void readsTheNamedFieldInKb(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 3917200 kB\nVmHWM:\t   88124 kB\nVmRSS:\t   80000 kB\n");
        assertThat(ProcStatus.valueKb(status, "VmHWM:")).isEqualTo(88_124);
        assertThat(ProcStatus.valueKb(status, "VmRSS:")).isEqualTo(80_000);
        assertThat(ProcStatus.valueKb(status, "VmSwap:")).isEqualTo(-1);
    }

    @Test
    void readsThisJvmsOwnPeak() throws Exception {
        assertThat(ProcStatus.valueKb(Path.of("/proc/self/status"), "VmHWM:")).isPositive();
    }
}
