package dev.turnstile.stage.embedded;

import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The in-process local stage, started at most once per JVM (conformance classes, simulations and reports in one JVM
 * share it) through the {@link EmbeddedStageLauncher} on the classpath, and stopped by a shutdown hook.
 */
public final class EmbeddedStage {

    /** The data directory, relative to the working directory; emptied at start so every JVM begins clean. */
    public static final Path DATA_DIR = Path.of("target", "turnstile", "localstage");

    /** The Maven coordinates of the launcher, for the error when none is on the classpath. */
    static final String LAUNCHER_ARTIFACT = "dev.turnstile:turnstile-localstage";

    private static EmbeddedStageLauncher.LaunchedStage stage;

    private EmbeddedStage() {
    }

    /** Starts the stage on first call (template found above {@code workDir}); later calls return the same profile. */
    public static synchronized StageProfile profile(Path workDir, Map<String, String> parameters) {
        if (stage == null) {
            EmbeddedStageLauncher launcher = launcher();
            Path template = TemplateLocator.find(workDir);
            Path dataDir = workDir.resolve(DATA_DIR).toAbsolutePath().normalize();
            empty(dataDir);
            EmbeddedStageLauncher.LaunchedStage started = launcher.launch(template, dataDir, parameters);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "turnstile-localstage-stop"));
            stage = started;
        }
        return stage.profile();
    }

    /** The launcher on the classpath; without one, an error that says which artifact to add. */
    static EmbeddedStageLauncher launcher() {
        Iterator<EmbeddedStageLauncher> found = ServiceLoader.load(EmbeddedStageLauncher.class).iterator();
        if (!found.hasNext()) {
            // the context class loader may not see what loaded the stage contract (e.g. an isolated plugin loader)
            found = ServiceLoader.load(EmbeddedStageLauncher.class, EmbeddedStageLauncher.class.getClassLoader())
                    .iterator();
        }
        if (!found.hasNext()) {
            throw new IllegalStateException("embedded mode needs the local stage on the classpath: add "
                    + LAUNCHER_ARTIFACT + " (runtime scope) to the build, or select a running stage "
                    + "(-Dturnstile.stage=path/to/stage.json) or a deployed one (-Dturnstile.stack=NAME)");
        }
        return found.next();
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
