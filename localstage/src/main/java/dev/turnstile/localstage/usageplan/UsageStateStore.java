package dev.turnstile.localstage.usageplan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.stage.io.AtomicFile;
import dev.turnstile.stage.io.AtomicFile.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the usage-plan state file ({@code <stateDir>/usage-state.json}): key flags and names,
 * quota counters and daily usage. Writes go through {@link AtomicFile} ({@link Durability#DURABLE}): a temporary
 * file forced to disk replaces the state file with an atomic move and the directory is forced too, so a crash leaves
 * either the old or the new snapshot, never a torn one, and a snapshot is on disk before the journal segments it includes are deleted.
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
        AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot), Durability.DURABLE);
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

    /**
     * One quota counter's persisted state; {@code days} maps ISO dates to {@code [used, remaining]}; {@code seq} is
     * the number of the last consumption it includes (0 in files written before the usage journal).
     */
    record CounterSnapshot(long firstPeriodStart, long periodStart, long used, long extra, Map<String, long[]> days,
                           long seq) { }
}
