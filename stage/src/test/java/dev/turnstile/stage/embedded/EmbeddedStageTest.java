package dev.turnstile.stage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStageTest {

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
        Path second = Files.createDirectories(root.resolve("target/turnstile/localstage-2/logs"));
        EmbeddedStage.empty(second.getParent());
        assertThat(second.getParent()).isEmptyDirectory();
        assertThatThrownBy(() -> EmbeddedStage.empty(root.resolve("target/turnstile/localstage-x")))
                .hasMessageStartingWith("refusing to empty ");
        assertThatThrownBy(() -> EmbeddedStage.empty(root.resolve("target/other/localstage")))
                .hasMessageStartingWith("refusing to empty ");
    }

    @Test
    void withoutALauncherTheErrorNamesTheArtifactToAdd() {
        // this module's test classpath has no local stage, as a suite that tests only deployed stages
        assertThatThrownBy(EmbeddedStage::launcher)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("embedded mode needs the local stage on the classpath: add "
                        + "dev.turnstile:turnstile-localstage (runtime scope) to the build");
    }
}
