package dev.turnstile.conformance.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The ledger of one run: {@code <runs>/<run-id>/ledger.jsonl}, one {@link LedgerEntry} per line, appended by any
 * number of threads. Each line is flushed as it is written so a crashed run still leaves a readable ledger.
 */
public final class Ledger implements AutoCloseable {

    /** Where runs live by default, relative to the working directory (the module folder under Maven). */
    public static final Path DEFAULT_RUNS_DIR = Path.of("target", "turnstile", "runs");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String runId;
    private final Path runDir;
    private final Path file;
    private final BufferedWriter out;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private boolean closed;

    private Ledger(String runId, Path runDir) throws IOException {
        this.runId = runId;
        this.runDir = runDir;
        this.file = runDir.resolve("ledger.jsonl");
        Files.createDirectories(runDir);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Opens (creating or appending to) the ledger of {@code runId} under {@code runsDir}. */
    public static Ledger open(Path runsDir, String runId) {
        Objects.requireNonNull(runsDir, "runsDir");
        if (runId == null || !runId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("run id must be 1-128 characters of [A-Za-z0-9._-], got: " + runId);
        }
        try {
            return new Ledger(runId, runsDir.resolve(runId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger for run " + runId + " under " + runsDir, e);
        }
    }

    /** A fresh run id: {@code <prefix>-yyyyMMdd-HHmmss-<6 hex>} (UTC), unique enough to share one table. */
    public static String newRunId(String prefix) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String stamp = RUN_STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        String safePrefix = prefix == null || prefix.isBlank() ? "run" : prefix.replaceAll("[^A-Za-z0-9._-]", "-");
        return safePrefix + "-" + stamp + "-" + HexFormat.of().formatHex(random);
    }

    public String runId() {
        return runId;
    }

    /** The run folder ({@code crosscheck.json} and other run outputs go beside the ledger). */
    public Path runDir() {
        return runDir;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry (thread-safe); the entry's run id must be this ledger's. */
    public synchronized void append(LedgerEntry entry) {
        if (closed) {
            throw new IllegalStateException("ledger of run " + runId + " is closed");
        }
        if (!runId.equals(entry.runId())) {
            throw new IllegalArgumentException("entry of run " + entry.runId() + " written to the ledger of run " + runId);
        }
        try {
            out.write(JSON.writeValueAsString(entry));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        entries.add(entry);
    }

    /** The entries appended through this instance, in order. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** Reads a ledger file; a malformed line is an error naming the file and line number. */
    public static List<LedgerEntry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("ledger not found: " + file.toAbsolutePath());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
        List<LedgerEntry> result = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                result.add(JSON.readValue(line, LedgerEntry.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("ledger " + file + " line " + (i + 1) + " is not a ledger entry: "
                        + e.getOriginalMessage(), e);
            }
        }
        return result;
    }

    /**
     * Writes {@code entries} as a whole ledger file (replacing it), keeping each entry's own run id — the merge of
     * several injectors' ledgers, which {@link #append} would refuse.
     */
    public static void writeAll(Path file, List<LedgerEntry> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (LedgerEntry e : entries) {
                    w.write(JSON.writeValueAsString(e));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ledger " + file, e);
        }
    }
}
