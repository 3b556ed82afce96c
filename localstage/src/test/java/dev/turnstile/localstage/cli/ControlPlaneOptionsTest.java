package dev.turnstile.localstage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.controlplane.DeniedOperations;
import dev.turnstile.stage.profile.StageProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's control-plane options: {@code --deny} refuses unknown names at start; {@code env} prints exports. */
class ControlPlaneOptionsTest {

    @Test
    void anUnknownDeniedOperationStopsTheStartNamingIt(@TempDir Path dir) {
        CommandLine cli = new CommandLine(new LocalStageCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("turnstile-localstage: " + ex.getMessage());
            return 2;
        });
        int code = cli.execute("--template", dir.resolve("absent.yaml").toString(), "--data", dir.toString(),
                "--deny", "GetApiKeys,GetApiKeyz");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("turnstile-localstage: --deny names operations the local stage "
                + "does not serve: [GetApiKeyz] (CloudFormation: " + DeniedOperations.CLOUDFORMATION + "; API Gateway: "
                + DeniedOperations.API_GATEWAY + ")");
    }

    @Test
    void envPrintsTheExportsOfARunningStage(@TempDir Path dir) {
        new StageProfile("local", "us-east-1", "http://127.0.0.1:3000/Prod", "a1b2c3d4e5", "Prod", Map.of(
                "dynamodb", "http://127.0.0.1:9", "logs", "http://127.0.0.1:8", "cloudwatch", "http://127.0.0.1:8",
                "apigateway", "http://127.0.0.1:8", "lambda", "http://127.0.0.1:8", "cloudformation",
                "http://127.0.0.1:8"), "t", null, Map.of(), List.of(), List.of(), List.of(), null)
                .write(dir.resolve("stage.json"));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new LocalStageCommand()).execute("env", "--data", dir.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "export AWS_ENDPOINT_URL_CLOUDFORMATION=http://127.0.0.1:8\n",
                "export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:9\n", "export AWS_REGION=us-east-1\n");
    }
}
