package dev.turnstile.localstage.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <dataDir>/dynamodb.pid}: which dynalite serves a data directory and which stage JVM owns it.
 *
 * <p>Why: dynalite is a separate process. When the stage's JVM is killed with SIGKILL nothing stops it, so it
 * lives on as an orphan holding LevelDB's lock on {@code dynamodb/}, and the next stage on the same data
 * directory fails with {@code LEVEL_DATABASE_NOT_OPEN}. The next start reads this file and stops the orphan
 * — but only when its owner is gone (a live owner means the directory is in use: refuse) and only when the pid
 * still names the same process (same start instant, a dynalite command line), so a recycled pid is never hit.
 */
final class DynalitePidFile {

    private static final Logger LOG = LoggerFactory.getLogger(DynalitePidFile.class);
    static final String FILE_NAME = "dynamodb.pid";

    private final Path file;

    DynalitePidFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** Line format: {@code <dynalite pid> <dynalite start instant> <owner pid>}. */
    private record Entry(long pid, Instant started, long owner) {
        static Entry parse(String line, Path file) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 3) {
                throw new DynamoDbUnavailableException(file + " is malformed (expected '<pid> <start> <owner pid>', got '"
                        + line.trim() + "'); delete it once no dynalite serves this data directory");
            }
            try {
                return new Entry(Long.parseLong(parts[0]), Instant.parse(parts[1]), Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                throw new DynamoDbUnavailableException(file + " is malformed: " + e.getMessage()
                        + "; delete it once no dynalite serves this data directory", e);
            }
        }
    }

    /**
     * Stops a dynalite left behind by a killed stage on this data directory; refuses when the stage that started
     * it is still running. Removes the file afterwards.
     */
    void reapStale() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Entry entry = Entry.parse(read(), file);
        Optional<ProcessHandle> dynalite = ProcessHandle.of(entry.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(entry.started()::equals).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains("dynalite")).orElse(false));
        // still the child of the stage that started it: that stage is running (an orphan's parent is init or a subreaper)
        boolean owned = dynalite.flatMap(ProcessHandle::parent).map(p -> p.pid() == entry.owner()).orElse(false);
        if (owned) {
            throw new DynamoDbUnavailableException("the data directory " + file.getParent() + " is in use: dynalite pid "
                    + entry.pid() + " was started by the running process " + entry.owner()
                    + "; stop that stage or use another --data directory");
        }
        dynalite.ifPresent(this::stop);
        delete();
    }

    /** Records the dynalite this process has just started. */
    void record(Process dynalite) {
        Instant started = dynalite.info().startInstant().orElseThrow(() -> new DynamoDbUnavailableException(
                "cannot read the start time of dynalite pid " + dynalite.pid() + " to record it in " + file));
        try {
            Files.writeString(file, dynalite.pid() + " " + started + " " + ProcessHandle.current().pid() + "\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Forgets the record (dynalite was stopped cleanly). */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private void stop(ProcessHandle orphan) {
        LOG.warn("stopping dynalite pid {} left running by a stage that was killed ({})", orphan.pid(), file);
        orphan.destroy();
        if (!awaitExit(orphan)) {
            orphan.destroyForcibly();
            if (!awaitExit(orphan)) {
                throw new DynamoDbUnavailableException("the orphaned dynalite pid " + orphan.pid()
                        + " recorded in " + file + " does not exit; stop it by hand");
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(5, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + process.pid() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
