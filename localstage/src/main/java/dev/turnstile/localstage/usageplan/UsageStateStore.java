package dev.turnstile.localstage.usageplan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the usage-plan state file ({@code <stateDir>/usage-state.json}): key flags and names,
 * quota counters and daily usage. Writes go to a temporary file first and replace the state file with an
 * atomic move, so a crash leaves either the old or the new snapshot, never a torn one.
 */
final class UsageStateStore {

    static final String FILE_NAME = "usage-state.json";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    UsageStateStore(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the usage state directory " + stateDir, e);
        }
        this.file = stateDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    Optional<Snapshot> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Snapshot.class));
        } catch (IOException e) {
            throw new IllegalStateException("the usage state file " + file + " is unreadable (" + e.getMessage()
                    + "); move it away to start with fresh quotas", e);
        }
    }

    synchronized void save(Snapshot snapshot) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), snapshot);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Everything that survives a restart.
     *
     * @param savedAt epoch ms of the snapshot (stage clock)
     * @param apiKeys key state by key id
     * @param quotas  counters by usage plan id, then key id
     */
    record Snapshot(long savedAt, Map<String, KeySnapshot> apiKeys, Map<String, Map<String, CounterSnapshot>> quotas) { }

    /** One key's persisted state. */
    record KeySnapshot(boolean enabled, String name, String description, long createdDate, long lastUpdatedDate) { }

    /** One quota counter's persisted state; {@code days} maps ISO dates to {@code [used, remaining]}. */
    record CounterSnapshot(long firstPeriodStart, long periodStart, long used, long extra, Map<String, long[]> days) { }
}
