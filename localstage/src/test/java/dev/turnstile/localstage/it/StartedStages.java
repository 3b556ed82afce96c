package dev.turnstile.localstage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The command-line stages one test starts ({@code @RegisterExtension}), all on one data directory of the test's own:
 * each is stopped after the test however it ended, so no stage, dynalite or execution environment outlives it, and
 * the directory is then removed.
 */
final class StartedStages implements AfterEachCallback {

    private final Path work = ItStages.tempDir("stages-");
    private final List<StageProcess> started = new ArrayList<>();

    /** The data directory every stage of the test uses (restarts find what the previous stage left). */
    Path data() {
        return work.resolve("data");
    }

    /** Starts the repository's template on {@link #data()}, output to {@code logName}, with extra arguments. */
    StageProcess start(String logName, String... arguments) {
        StageProcess stage = StageProcess.start(ItStages.SAM_TEMPLATE, data(), work.resolve(logName), List.of(arguments));
        started.add(stage);
        return stage;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (StageProcess stage : started) {
            if (stage.isAlive()) {
                stage.stop();
            }
        }
        started.clear();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + work, e);
        }
    }
}
