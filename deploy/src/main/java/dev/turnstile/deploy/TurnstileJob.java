package dev.turnstile.deploy;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The injector image's entry point: {@code inject} in each pod of the injectors' Indexed Job, {@code merge} in the
 * merge Job's pod ({@code deploy/kubernetes/}). Exit codes: 0 passed, 1 failed, 2 bad arguments or environment.
 */
@Command(name = "turnstile-job", mixinStandardHelpOptions = true,
        subcommands = {InjectCommand.class, MergeJobCommand.class},
        description = "Turnstile's Kubernetes Job commands: one injector's share of a simulation, or the merge.")
public final class TurnstileJob {

    /**
     * The JVM flags of the image's entrypoint ({@code jib.container.jvmFlags} in deploy/pom.xml): Gatling 3.13+ needs
     * {@code java.lang} opened for its report writer (docs.gatling.io, "Upgrading from 3.12 to 3.13"), which its
     * Maven plugin passes to the JVM it forks.
     */
    public static final List<String> JVM_FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED");

    private TurnstileJob() {
    }

    public static void main(String[] args) {
        // Gatling and the SDK leave non-daemon threads behind; the Job's pod ends with the command's status
        System.exit(run(args));
    }

    /** Runs one subcommand and returns its exit code. */
    public static int run(String... args) {
        return new CommandLine(new TurnstileJob())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandName() + " failed: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
    }
}
