package dev.turnstile.conformance.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A run's ledger that can be read again without being held: every {@link #forEach} streams the entries in order
 * from their file (one line parsed at a time) or from a list already in memory. Checks that need several looks at a
 * run of millions of requests take one pass each and keep aggregates, never the entries (issue 16).
 */
@FunctionalInterface
public interface LedgerSource {

    /** Calls {@code action} with every entry, in ledger order; a malformed line is an error naming file and line. */
    void forEach(Consumer<? super LedgerEntry> action);

    /** The entries of a list (a single injector's run, tests). */
    static LedgerSource of(List<LedgerEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        return entries::forEach;
    }

    /** The entries of a {@code ledger.jsonl} file, read line by line on every pass. */
    static LedgerSource of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("ledger not found: " + file.toAbsolutePath());
        }
        return action -> Reader.read(file, action);
    }

    /** Only the entries {@code which} accepts. */
    default LedgerSource filter(Predicate<? super LedgerEntry> which) {
        return action -> forEach(e -> {
            if (which.test(e)) {
                action.accept(e);
            }
        });
    }

    /** The number of entries (one pass). */
    default long count() {
        long[] n = {0};
        forEach(e -> n[0]++);
        return n[0];
    }

    /** Every entry in a list: for the few checks whose runs are small by design (Smoke, Burst, Quota, Capacity). */
    default List<LedgerEntry> toList() {
        List<LedgerEntry> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    /**
     * A ledger file read one entry at a time on demand, for a merge of several ledgers that takes the earliest head
     * of each ({@code MergeCommand}).
     */
    final class Cursor implements AutoCloseable {
        private final Path file;
        private final BufferedReader in;
        private long line;

        public Cursor(Path file) {
            this.file = file;
            try {
                this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ledger " + file, e);
            }
        }

        /** The next entry, or null at the end. */
        public LedgerEntry next() {
            try {
                String text;
                while ((text = in.readLine()) != null) {
                    line++;
                    if (!text.isBlank()) {
                        return Reader.parse(file, line, text);
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ledger " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close ledger " + file, e);
            }
        }
    }

    /** The line reader behind {@link #of(Path)}. */
    final class Reader {
        private static final ObjectReader ENTRY = new ObjectMapper().readerFor(LedgerEntry.class);

        private Reader() {
        }

        static LedgerEntry parse(Path file, long n, String line) {
            try {
                return ENTRY.readValue(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("ledger " + file + " line " + n + " is not a ledger entry: "
                        + e.getOriginalMessage(), e);
            }
        }

        static void read(Path file, Consumer<? super LedgerEntry> action) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    action.accept(parse(file, n, line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ledger " + file, e);
            }
        }
    }
}
