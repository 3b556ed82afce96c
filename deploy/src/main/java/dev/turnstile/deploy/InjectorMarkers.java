package dev.turnstile.deploy;

import dev.turnstile.stage.wait.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The injectors' markers of one run ({@code <run>/injector-<i>/injector.json}) as the merge waits for them: the Job
 * that runs the injectors and the Job that merges are applied together, and the merge polls the shared volume until
 * every injector has ended — or one failed, or the deadline passed.
 */
final class InjectorMarkers {

    private InjectorMarkers() {
    }

    /** What a look at the run folder found. */
    record Seen(Map<Integer, InjectorMarker> ended, int expected) {

        boolean complete() {
            return expected > 0 && ended.size() == expected;
        }

        boolean anyFailed() {
            return ended.values().stream().anyMatch(m -> !m.passed());
        }

        List<Integer> missing() {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < expected; i++) {
                if (!ended.containsKey(i)) {
                    missing.add(i);
                }
            }
            return missing;
        }
    }

    /**
     * Waits until every injector of the run in {@code runDir} has ended or one has failed; the count comes from the
     * markers themselves (each says how many injectors share the run), so the merge needs no copy of it.
     *
     * @throws IllegalStateException when {@code wait} passed first, naming the injectors still missing
     */
    static Seen await(Path runDir, Duration wait, Duration poll) {
        Seen seen = Poll.until("the injectors", () -> look(runDir), s -> s.complete() || s.anyFailed(), wait, poll);
        if (seen.complete() || seen.anyFailed()) {
            return seen;
        }
        throw new IllegalStateException(seen.expected() == 0
                ? "waited " + wait + " and no injector of " + runDir + " has ended"
                : "waited " + wait + " for the injectors of " + runDir + ": " + seen.ended().size() + " of "
                        + seen.expected() + " ended; still missing " + seen.missing());
    }

    /** The markers in {@code runDir} now; markers that disagree about the run are an error. */
    static Seen look(Path runDir) {
        Map<Integer, InjectorMarker> ended = new TreeMap<>();
        if (!Files.isDirectory(runDir)) {
            return new Seen(ended, 0);
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(runDir)) {
            folders = list.filter(d -> d.getFileName().toString().startsWith(InjectorMarker.FOLDER_PREFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
        InjectorMarker first = null;
        for (Path folder : folders) {
            InjectorMarker marker = InjectorMarker.read(folder).orElse(null);
            if (marker == null) {
                continue;
            }
            if (!folder.getFileName().toString().equals(InjectorMarker.FOLDER_PREFIX + marker.injector())) {
                throw new IllegalArgumentException(folder + " holds the marker of injector " + marker.injector());
            }
            if (first == null) {
                first = marker;
            } else if (first.injectors() != marker.injectors() || !first.simulation().equals(marker.simulation())) {
                throw new IllegalArgumentException("the injectors of " + runDir + " disagree: injector "
                        + first.injector() + " ran " + first.simulation() + " as one of " + first.injectors()
                        + ", injector " + marker.injector() + " " + marker.simulation() + " as one of "
                        + marker.injectors());
            }
            ended.put(marker.injector(), marker);
        }
        return new Seen(ended, first == null ? 0 : first.injectors());
    }
}
