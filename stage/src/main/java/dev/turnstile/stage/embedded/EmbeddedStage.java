package dev.turnstile.stage.embedded;

import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The in-process local stage of embedded mode, started through the {@link EmbeddedStageLauncher} on the classpath at
 * most once per JVM and parameter set (conformance classes, simulations and reports in one JVM share it) and stopped
 * by a shutdown hook.
 */
public final class EmbeddedStage {

    /** The data directory, relative to the working directory; emptied at start so every JVM begins clean. */
    public static final Path DATA_DIR = Path.of("target", "turnstile", "localstage");

    /** The Maven coordinates of the launcher, for the error when none is on the classpath. */
    static final String LAUNCHER_ARTIFACT = "dev.turnstile:turnstile-localstage";

    /**
     * The stages this JVM started, by work directory and parameters. The stage contract's one JVM-wide mutable state,
     * on purpose: an embedded stage is processes (dynalite, a JVM per Lambda environment), ports and a data directory
     * that is emptied when it starts. Starting one per test class or per caller would cost seconds each and leave the
     * previous one's processes running, and two on one data directory would destroy each other's state; the JVM is the
     * unit that owns those processes (the shutdown hook stops them), so the JVM is where the memo lives. Guarded by
     * the class lock.
     */
    private static final Map<Key, EmbeddedStageLauncher.LaunchedStage> STARTED = new LinkedHashMap<>();

    private EmbeddedStage() {
    }

    /**
     * The profile of this JVM's embedded stage for {@code parameters}, starting it on first call (template found at or
     * above {@code workDir}). The first stage of a work directory keeps its state in {@link #DATA_DIR}, a second one
     * with other parameters in {@code localstage-2}, and so on.
     */
    public static synchronized StageProfile profile(Path workDir, Map<String, String> parameters) {
        Path dir = workDir.toAbsolutePath().normalize();
        Key key = new Key(dir, Map.copyOf(parameters));
        EmbeddedStageLauncher.LaunchedStage stage = STARTED.get(key);
        if (stage == null) {
            EmbeddedStageLauncher launcher = launcher();
            Path template = TemplateLocator.find(dir);
            long sameDir = STARTED.keySet().stream().filter(k -> k.workDir().equals(dir)).count();
            Path dataDir = sameDir == 0 ? dir.resolve(DATA_DIR)
                    : dir.resolve(DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-" + (sameDir + 1)));
            empty(dataDir);
            EmbeddedStageLauncher.LaunchedStage started = launcher.launch(template, dataDir, parameters);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "turnstile-localstage-stop"));
            STARTED.put(key, started);
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
        boolean ours = dir.getParent() != null && dir.getParent().endsWith(DATA_DIR.getParent())
                && dir.getFileName().toString().matches(DATA_DIR.getFileName() + "(-\\d+)?");
        if (!ours) {
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

    /** One embedded stage: where it was asked for and with which template parameters. */
    private record Key(Path workDir, Map<String, String> parameters) { }
}
