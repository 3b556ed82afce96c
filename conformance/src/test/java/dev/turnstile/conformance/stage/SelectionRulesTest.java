package dev.turnstile.conformance.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.profile.StageProfile;
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

    @Test
    void templateIsFoundWalkingUp(@TempDir Path root) throws Exception {
        Path template = root.resolve("sam/template.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, "Transform: AWS::Serverless-2016-10-31\n");
        Path module = Files.createDirectories(root.resolve("conformance/target"));
        assertThat(TemplateLocator.find(module)).isEqualTo(template.toAbsolutePath());
        assertThatThrownBy(() -> TemplateLocator.find(root.getParent().resolve("elsewhere-" + System.nanoTime())))
                .hasMessageStartingWith("no sam/template.yaml found in ");
    }

    @Test
    void onlyATurnstileDataDirIsEverEmptied(@TempDir Path root) throws Exception {
        Path data = root.resolve(EmbeddedStage.DATA_DIR);
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/x"), "x");
        EmbeddedStage.empty(data);
        assertThat(data).isEmptyDirectory();
        assertThatThrownBy(() -> EmbeddedStage.empty(root)).hasMessageStartingWith("refusing to empty ");
    }
}
