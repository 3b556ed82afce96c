package dev.turnstile.localstage.cli;

import dev.turnstile.localstage.profile.AwsEndpointVariables;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code turnstile-localstage env [--data DIR]}: prints the {@code export AWS_ENDPOINT_URL_…=} lines (and region and
 * dummy credentials) of a running stage, read from its {@code stage.json}, for {@code eval "$(…)"}.
 */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Prints the export lines that point the AWS SDKs and CLI at a running local stage.")
final class EnvCommand implements Callable<Integer> {

    @Option(names = "--data", description = "the running stage's data directory (default: ${DEFAULT-VALUE})",
            defaultValue = "target/turnstile/localstage")
    Path dataDir;

    @Override
    public Integer call() {
        Path profile = dataDir.resolve("stage.json");
        if (!Files.isRegularFile(profile)) {
            throw new IllegalStateException("no stage.json in " + dataDir.toAbsolutePath()
                    + ": is a local stage running with --data " + dataDir + "?");
        }
        System.out.print(AwsEndpointVariables.exports(StageProfile.read(profile)));
        return 0;
    }
}
