package dev.turnstile.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.stage.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one injector left when it ended ({@code injector.json} in its folder {@code <run>/injector-<i>/} on the runs
 * volume): which share it was, where its run folder is, and Gatling's exit status. The merge waits for one per
 * injector; the file is written last and atomically, so a marker that can be read is a finished injector.
 *
 * @param simulation the simulation it ran
 * @param injectors  how many injectors share the run
 * @param injector   its index (the pod's completion index)
 * @param runDir     its run folder, relative to the injector's folder (null when it recorded nothing)
 * @param status     Gatling's exit status (0 passed; the error when it could not run)
 * @param error      why it failed to run, when it did
 * @param endedMs    wall time it ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InjectorMarker(String simulation, int injectors, int injector, String runDir, int status, String error,
                             long endedMs) {

    /** The marker's file name inside the injector's folder. */
    public static final String FILE = "injector.json";

    /** Injector {@code i}'s folder under a run's folder: {@code injector-<i>}. */
    public static final String FOLDER_PREFIX = "injector-";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** True when the injector ran its share to the end (Gatling exit status 0). */
    public boolean passed() {
        return status == 0 && error == null;
    }

    /** Writes the marker into {@code injectorDir}, whole or not at all (the merge may be polling the folder). */
    public void write(Path injectorDir) {
        Path target = injectorDir.resolve(FILE);
        try {
            AtomicFile.write(target, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The marker in {@code injectorDir}, or empty while the injector is still running. */
    public static Optional<InjectorMarker> read(Path injectorDir) {
        Path file = injectorDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), InjectorMarker.class));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not an injector marker: " + e.getMessage(), e);
        }
    }
}
