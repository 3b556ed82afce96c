package dev.turnstile.stage.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.selection.StageSelection.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionRulesTest {

    private static final Path HERE = Path.of("");

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static StageSelection from(String... kv) {
        return StageSelection.fromProperties(props(kv), HERE);
    }

    @Test
    void modeFollowsTheProperties() {
        assertThat(from().mode()).isEqualTo(Mode.EMBEDDED);
        assertThat(from("turnstile.params", "ThrottleRate=5").parameters()).containsExactly(Map.entry("ThrottleRate", "5"));
        assertThat(from("turnstile.stage", "x.json").profileFile()).contains(Path.of("x.json"));
        assertThat(from("turnstile.stack", " turnstile ").stackName()).contains("turnstile");
        assertThat(from("turnstile.stack", " ").mode()).isEqualTo(Mode.EMBEDDED);
        assertThatThrownBy(() -> from("turnstile.stage", "x", "turnstile.stack", "y"))
                .hasMessage("set either -Dturnstile.stage or -Dturnstile.stack, not both");
        assertThatThrownBy(() -> from("turnstile.stack", "y", "turnstile.params", "A=1"))
                .hasMessageStartingWith("-Dturnstile.params applies to the embedded local stage only");
    }

    @Test
    void theBuilderAndThePropertiesMakeEqualValues() {
        StageSelection built = StageSelection.embedded().parameter("ThrottleRate", "5").parameter("ThrottleBurst", "10")
                .build();
        assertThat(built).isEqualTo(from("turnstile.params", "ThrottleRate=5,ThrottleBurst=10"))
                .hasSameHashCodeAs(from("turnstile.params", "ThrottleRate=5,ThrottleBurst=10"))
                .isNotEqualTo(StageSelection.embedded().build());
        assertThat(built.describe()).isEqualTo("embedded local stage (ThrottleRate=5,ThrottleBurst=10)");
        assertThat(StageSelection.stack("turnstile").build()).isEqualTo(from("turnstile.stack", "turnstile"));
        assertThat(StageSelection.stack("turnstile").build().describe()).isEqualTo("stack turnstile");
        assertThat(StageSelection.profileFile(Path.of("a/stage.json")).build().describe())
                .isEqualTo("stage profile a/stage.json");
    }

    @Test
    void templateParametersBelongToTheEmbeddedStageOnly() {
        assertThatThrownBy(() -> StageSelection.stack("turnstile").parameter("ThrottleRate", "5").build())
                .hasMessage("template parameters [ThrottleRate] apply to the embedded local stage only; a running or "
                        + "deployed stage keeps its own parameters");
        assertThatThrownBy(() -> StageSelection.embedded().parameter("Bad-Name", "1"))
                .hasMessage("'Bad-Name' is not a CloudFormation parameter name (alphanumeric)");
        assertThatThrownBy(() -> StageSelection.stack(" ")).hasMessage("a stack selection needs the stack's name");
    }

    @Test
    void aProfileFileIsReadRelativeToTheWorkDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stage.json"), "{\"kind\":\"local\",\"region\":\"us-east-1\","
                + "\"invokeUrl\":\"http://127.0.0.1:9/Prod\",\"endpoints\":{\"admin\":\"http://127.0.0.1:9\"},"
                + "\"logGroups\":{\"access\":\"a\"},\"usagePlans\":[]}");
        StageProfile read = StageSelection.fromProperties(props("turnstile.stage", "stage.json"), dir).profile();
        assertThat(read.invokeUrl()).isEqualTo("http://127.0.0.1:9/Prod");
        assertThat(read.endpoint("admin")).contains("http://127.0.0.1:9");
        assertThat(StageSelection.profileFile(Path.of("stage.json")).workDir(dir).build().profile()).isEqualTo(read);
        assertThatThrownBy(() -> StageSelection.profileFile(Path.of("nope.json")).workDir(dir).build().profile())
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
