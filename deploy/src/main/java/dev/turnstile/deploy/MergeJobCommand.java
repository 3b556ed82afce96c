package dev.turnstile.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.simulations.merge.MergeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The merge Job's command: waits on the runs volume until every injector of the run has ended
 * ({@link InjectorMarkers}), then merges their run folders as {@code MergeCommand} does — the combined ledger judged
 * by the simulation's rules, cross-checked, and the capacity report — into {@code <run>/merged/<merged-run-id>/},
 * and writes the verdict's line to the pod's termination message ({@code kubectl get pod} shows it).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Wait for the injectors of a run on the runs volume, then judge and cross-check them together.")
final class MergeJobCommand implements Callable<Integer> {

    /** Kubernetes keeps at most this many bytes of a container's termination message. */
    static final int TERMINATION_MESSAGE_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--runs", required = true, description = "this run's folder on the runs volume (injector-<i>/ each)")
    Path runDir;
    @Option(names = "--stage", required = true, description = "the stage profile (stage.json) the injectors used")
    Path stage;
    @Option(names = "--wait", defaultValue = "PT1H", description = "how long to wait for the injectors (ISO-8601, PT1H)")
    Duration wait;
    @Option(names = "--termination-log", description = "where the verdict's line goes (the pod's terminationMessagePath)")
    Path terminationLog;

    /** How often the runs volume is looked at: a marker appears once per injector, so seconds are plenty. */
    Duration poll = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        Path merged = runDir.resolve("merged");
        if (!empty(merged)) {
            throw new IllegalArgumentException(merged + " already holds a merged run: give the run a new name "
                    + "(ConfigMap turnstile-run, key run)");
        }
        System.out.println("Turnstile merge: waiting up to " + wait + " for the injectors in " + runDir);
        InjectorMarkers.Seen seen = InjectorMarkers.await(runDir, wait, poll);
        List<String> failed = seen.ended().values().stream().filter(m -> !m.passed())
                .map(m -> "injector " + m.injector() + " ended with Gatling status " + m.status()
                        + (m.error() == null ? "" : " (" + m.error() + ")"))
                .toList();
        if (!failed.isEmpty()) {
            String line = "not merged: " + String.join("; ", failed);
            System.out.println("Turnstile merge: " + line);
            terminate(line);
            return 1;
        }
        List<String> args = new ArrayList<>(List.of("--stage", stage.toString(), "--out", merged.toString()));
        seen.ended().values().forEach(m -> args.add(runDir.resolve(InjectorMarker.FOLDER_PREFIX + m.injector())
                .resolve(m.runDir()).toString()));
        int code = MergeCommand.run(args.toArray(String[]::new));
        terminate(verdictLine(merged).orElse("merge ended with status " + code + " and wrote no verdict"));
        return code;
    }

    /** {@code <Simulation> PASS|FAIL run <id>} and the failures, from the merged run's {@code verdict.json}. */
    static Optional<String> verdictLine(Path merged) {
        if (!Files.isDirectory(merged)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(merged)) {
            Optional<Path> file = runs.map(d -> d.resolve("verdict.json")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(Path::toString));
            if (file.isEmpty()) {
                return Optional.empty();
            }
            JsonNode verdict = JSON.readTree(file.get().toFile());
            StringBuilder line = new StringBuilder(verdict.path("simulation").asText()).append(' ')
                    .append(verdict.path("pass").asBoolean() ? "PASS" : "FAIL")
                    .append(" run ").append(verdict.path("runId").asText());
            verdict.path("failures").forEach(f -> line.append("\n").append(f.asText()));
            return Optional.of(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the merged verdict in " + merged, e);
        }
    }

    private void terminate(String line) {
        if (terminationLog == null) {
            return;
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        if (length > TERMINATION_MESSAGE_BYTES) {
            length = TERMINATION_MESSAGE_BYTES;
            while (length > 0 && (bytes[length] & 0xC0) == 0x80) {
                length--; // never cut a UTF-8 character in two
            }
        }
        try {
            Files.write(terminationLog, Arrays.copyOf(bytes, length));
        } catch (IOException e) {
            System.err.println("Turnstile merge: cannot write the termination message to " + terminationLog + ": " + e);
        }
    }

    private static boolean empty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
