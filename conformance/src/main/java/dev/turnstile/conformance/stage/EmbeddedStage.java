package dev.turnstile.conformance.stage;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.localstage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The in-process local stage, started at most once per JVM (conformance classes, simulations and reports in one JVM
 * share it) and stopped by a shutdown hook.
 */
public final class EmbeddedStage {

    /** The data directory, relative to the working directory; emptied at start so every JVM begins clean. */
    public static final Path DATA_DIR = Path.of("target", "turnstile", "localstage");

    private static LocalStage stage;

    private EmbeddedStage() {
    }

    /** Starts the stage on first call (template found above {@code workDir}); later calls return the same profile. */
    public static synchronized StageProfile profile(Path workDir, Map<String, String> parameters) {
        if (stage == null) {
            Path template = TemplateLocator.find(workDir);
            Path dataDir = workDir.resolve(DATA_DIR).toAbsolutePath().normalize();
            empty(dataDir);
            LocalStage started = LocalStage.start(LocalStageOptions.builder(template, dataDir)
                    .port(0)
                    .parameters(parameters)
                    .build());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "turnstile-localstage-stop"));
            stage = started;
        }
        return stage.profile();
    }

    /** Deletes everything under {@code dir} (and creates it), refusing anything that is not a Turnstile data dir. */
    static void empty(Path dir) {
        if (!dir.endsWith(DATA_DIR)) {
            throw new IllegalArgumentException("refusing to empty " + dir + ": not a " + DATA_DIR + " folder");
        }
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the local stage data dir " + dir, e);
        }
    }
}
