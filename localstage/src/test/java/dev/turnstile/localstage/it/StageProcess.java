package dev.turnstile.localstage.it;

import static org.awaitility.Awaitility.await;

import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The local stage's command line ({@code java -jar target/turnstile-localstage.jar}) as a child process, for
 * tests that must kill it the hard way. Output goes to a log file beside the data directory; {@link #start} returns
 * once the ready line is printed.
 *
 * @param process the command line's process
 * @param log     its output
 * @param profile the profile it wrote when ready
 */
record StageProcess(Process process, Path log, StageProfile profile) {

    static final Path JAR = Path.of("target/turnstile-localstage.jar").toAbsolutePath();
    private static final String READY = "Turnstile local stage ready: ";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    /** Starts the command line stage on {@code dataDir} (execute-api on a free port) and waits until it is ready. */
    static StageProcess start(Path template, Path dataDir, Path log) {
        return start(template, dataDir, log, List.of());
    }

    /** As {@link #start(Path, Path, Path)}, with more command-line arguments (e.g. {@code --param Name=Value}). */
    static StageProcess start(Path template, Path dataDir, Path log, List<String> arguments) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after 'package' (mvn verify)");
        }
        try {
            Files.deleteIfExists(dataDir.resolve("stage.json"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", JAR.toString(),
                    "--template", template.toString(), "--port", "0", "--data", dataDir.toString()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                await("the local stage to print its ready line").atMost(START_LIMIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> ready(log) || !process.isAlive());
            } catch (ConditionTimeoutException e) {
                // still starting: reported below with its output
            }
            if (!ready(log)) {
                boolean alive = process.isAlive();
                process.destroyForcibly();
                throw new IllegalStateException("the local stage did not become ready (" + (alive
                        ? "still starting after " + START_LIMIT : "exited") + "); its output:\n" + tail(log));
            }
            return new StageProcess(process, log, StageProfile.read(dataDir.resolve("stage.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAR, e);
        }
    }

    private static boolean ready(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8).contains(READY);
    }

    /** The stage JVM's child processes right now (dynalite, execution environments). */
    List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or stopped by the stage. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM: the shutdown hook closes the stage (and its dynalite); forced after 30 s. */
    void stop() throws InterruptedException {
        List<ProcessHandle> children = children();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The stage JVM's process id. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
