package dev.turnstile.stage.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionRulesTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void modeFollowsTheProperties() {
        assertThat(StageSelection.mode(props())).isEqualTo(StageSelection.Mode.EMBEDDED);
        assertThat(StageSelection.mode(props("turnstile.params", "ThrottleRate=5"))).isEqualTo(StageSelection.Mode.EMBEDDED);
        assertThat(StageSelection.mode(props("turnstile.stage", "x.json"))).isEqualTo(StageSelection.Mode.PROFILE_FILE);
        assertThat(StageSelection.mode(props("turnstile.stack", "turnstile"))).isEqualTo(StageSelection.Mode.STACK);
        assertThat(StageSelection.mode(props("turnstile.stack", " "))).isEqualTo(StageSelection.Mode.EMBEDDED);
        assertThatThrownBy(() -> StageSelection.mode(props("turnstile.stage", "x", "turnstile.stack", "y")))
                .hasMessage("set either -Dturnstile.stage or -Dturnstile.stack, not both");
        assertThatThrownBy(() -> StageSelection.mode(props("turnstile.stack", "y", "turnstile.params", "A=1")))
                .hasMessageStartingWith("-Dturnstile.params applies to the embedded local stage only");
    }

    @Test
    void aProfileFileIsReadRelativeToTheWorkingDirectory(@TempDir Path dir) throws Exception {
        // hand-written: StageProfile.write() currently emits "local": true/false from isLocal() (see report)
        Files.writeString(dir.resolve("stage.json"), "{\"kind\":\"local\",\"region\":\"us-east-1\","
                + "\"invokeUrl\":\"http://127.0.0.1:9/Prod\",\"endpoints\":{\"admin\":\"http://127.0.0.1:9\"},"
                + "\"logGroups\":{\"access\":\"a\"},\"usagePlans\":[]}");
        StageProfile read = StageSelection.select(props("turnstile.stage", "stage.json"), dir);
        assertThat(read.invokeUrl()).isEqualTo("http://127.0.0.1:9/Prod");
        assertThat(read.endpoint("admin")).contains("http://127.0.0.1:9");
        assertThatThrownBy(() -> StageSelection.select(props("turnstile.stage", "nope.json"), dir))
                .hasMessageStartingWith("stage profile not found: ");
    }

    @Test
    void parameterOverridesParseAndRejectNonsense() {
        assertThat(ParameterOverrides.parse(null)).isEmpty();
        assertThat(ParameterOverrides.parse(" ThrottleRate=5 , AllowedTenants=a=b ")).containsExactly(
                Map.entry("ThrottleRate", "5"), Map.entry("AllowedTenants", "a=b"));
        assertThatThrownBy(() -> ParameterOverrides.parse("ThrottleRate")).hasMessageContaining("expected Name=Value");
        assertThatThrownBy(() -> ParameterOverrides.parse("Bad-Name=1")).hasMessageContaining("'Bad-Name' is not");
        assertThatThrownBy(() -> ParameterOverrides.parse("A=1,A=2")).hasMessage("turnstile.params: parameter A given twice");
    }
}
