package dev.turnstile.localstage.usageplan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage journal: one line per request a usage plan counted, {@code <stateDir>/journal-<n>.log}, so that quota
 * usage acknowledged to a client survives a {@code kill -9} between two snapshots of the usage state.
 *
 * <p><b>Line.</b> {@code c <planId> <keyId> <seq> <atMillis> <crc>}: the key's own consumption sequence number, the
 * stage time of the decision, and the CRC32C (8 hex digits) of everything before the last space. Text, so a person
 * can read it; checksummed, so replay never trusts a torn or damaged line.
 *
 * <p><b>Group commit, fsync policy.</b> {@link #append} only queues the line in memory (callers hold their key's
 * lock, so it must be quick); {@link #awaitDurable} returns once the line has been written <em>and</em> forced to
 * disk ({@code fdatasync}). The first waiter becomes the committer: it writes every line queued so far with one
 * {@code write} and forces the file once, while the requests arriving meanwhile queue for the next commit. A
 * counted request therefore survives a SIGKILL, and a power loss, once {@code awaitDurable} returned; one fsync
 * (about 1 ms here) is shared by every request that arrives during the previous one.
 *
 * <p><b>Segments.</b> {@link #rotate} starts a new segment and returns the finished ones; the usage-plan service
 * deletes them once a snapshot that includes their lines is on disk. {@link #replay} reads every segment in order.
 */
final class UsageJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{8})\\.log");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** One counted request, as journalled. */
    record Consumed(String planId, String keyId, long seq, long atMillis) { }

    private final Path dir;
    /** Guards {@link #pending}, {@link #appended} and the current segment. */
    private final Object queue = new Object();
    /** Guards {@link #durable}, {@link #failedUpTo}, {@link #committing}. */
    private final Object commits = new Object();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
    private long appended;
    private long durable;
    private long failedUpTo;
    private IOException failure;
    private boolean committing;
    private long segment;
    private FileChannel channel;
    private boolean closed;

    private UsageJournal(Path dir, long segment) {
        this.dir = dir;
        this.segment = segment;
        this.channel = openSegment(segment);
    }

    /**
     * Replays every segment in {@code dir} in order into {@code apply}, then opens a new segment for appends.
     *
     * @throws IllegalStateException naming the file and line when a line in the middle of a segment is damaged (a
     *                               damaged tail — the last write of a killed process — is dropped with a warning)
     */
    static UsageJournal open(Path dir, Consumer<Consumed> apply) {
        List<Path> segments = segments(dir);
        long last = 0;
        for (Path file : segments) {
            replay(file, apply);
            last = Math.max(last, number(file));
        }
        return new UsageJournal(dir, last + 1);
    }

    /** Queues one counted request; returns the ticket to {@link #awaitDurable wait} for. Never blocks on I/O. */
    long append(Consumed consumed) {
        byte[] line = format(consumed);
        synchronized (queue) {
            if (closed) {
                throw new IllegalStateException("the usage journal is closed");
            }
            pending.write(line, 0, line.length);
            return ++appended;
        }
    }

    /**
     * Returns once the line of {@code ticket} is written and forced to disk, committing the queued lines itself
     * when no other thread is doing so.
     *
     * @throws UncheckedIOException when the commit holding this line failed (the request's usage is then not durable)
     */
    void awaitDurable(long ticket) {
        while (true) {
            synchronized (commits) {
                while (durable < ticket && failedUpTo < ticket && committing) {
                    try {
                        commits.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the usage journal", e);
                    }
                }
                if (durable >= ticket) {
                    return;
                }
                if (failedUpTo >= ticket) {
                    throw new UncheckedIOException("the usage journal could not be written", failure);
                }
                committing = true;
            }
            commit();
        }
    }

    /** The lines queued at one moment, and the segment they belong to. */
    private record Batch(byte[] lines, long upTo, FileChannel channel, long segment) { }

    /** Takes every queued line out of the queue. */
    private Batch drain() {
        synchronized (queue) {
            byte[] lines = pending.toByteArray();
            pending.reset();
            return new Batch(lines, appended, channel, segment);
        }
    }

    /** Writes and forces a batch (and closes its segment when it is finished); the failure, or null. */
    private static IOException persist(Batch batch, boolean finish) {
        try {
            write(batch.channel(), batch.lines());
            batch.channel().force(false);
            if (finish) {
                batch.channel().close();
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Commits whatever is queued (the caller holds the committer role) and hands the role back. */
    private void commit() {
        Batch batch = null;
        IOException error = null;
        try {
            batch = drain();
            error = persist(batch, false);
        } finally {
            release(batch == null ? 0 : batch.upTo(), error);
        }
    }

    /** Records what the commit up to {@code upTo} achieved and hands the committer role back. */
    private void release(long upTo, IOException error) {
        synchronized (commits) {
            if (error == null) {
                durable = Math.max(durable, upTo);
            } else {
                LOG.error("could not write the usage journal segment {}: {} request(s) are counted in memory only",
                        segmentFile(segment), upTo - Math.max(durable, failedUpTo), error);
                failure = error;
                failedUpTo = Math.max(failedUpTo, upTo);
            }
            committing = false;
            commits.notifyAll();
        }
    }

    /**
     * Makes every queued line durable in the current segment, then starts the next one.
     *
     * @return the finished segments (every line in them was appended before this call)
     */
    List<Path> rotate() {
        synchronized (commits) {
            // take the committer role while the segment changes, so no commit writes to a closed channel
            while (committing) {
                try {
                    commits.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while rotating the usage journal", e);
                }
            }
            committing = true;
        }
        Batch batch = null;
        IOException error = null;
        try {
            synchronized (queue) {
                batch = drain();
                // lines appended from now on go to the next segment, which replay reads after this one
                segment++;
                channel = openSegment(segment);
            }
            error = persist(batch, true);
        } finally {
            release(batch == null ? 0 : batch.upTo(), error);
        }
        if (error != null) {
            throw new UncheckedIOException("cannot finish the usage journal segment " + segmentFile(batch.segment()),
                    error);
        }
        long finishedNumber = batch.segment();
        List<Path> done = new ArrayList<>();
        for (Path file : segments(dir)) {
            if (number(file) <= finishedNumber) {
                done.add(file);
            }
        }
        return done;
    }

    /** Deletes finished segments (their lines are in a snapshot on disk). */
    static void delete(List<Path> finished) {
        for (Path file : finished) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the usage journal segment " + file, e);
            }
        }
    }

    /** Commits what is queued and closes the segment; later appends are refused. */
    @Override
    public void close() {
        long ticket;
        synchronized (queue) {
            ticket = appended;
        }
        awaitDurable(ticket);
        synchronized (queue) {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the usage journal", e);
            }
        }
    }

    // ---- files ---------------------------------------------------------------------------------------------

    private FileChannel openSegment(long number) {
        Path file = segmentFile(number);
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal segment " + file, e);
        }
    }

    private Path segmentFile(long number) {
        return dir.resolve(String.format(Locale.ROOT, "journal-%08d.log", number));
    }

    private static List<Path> segments(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal-*.log")) {
            for (Path file : files) {
                if (SEGMENT.matcher(file.getFileName().toString()).matches()) {
                    out.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the usage journal in " + dir, e);
        }
        out.sort((a, b) -> Long.compare(number(a), number(b)));
        return out;
    }

    private static long number(Path segmentFile) {
        Matcher m = SEGMENT.matcher(segmentFile.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a journal segment: " + segmentFile);
        }
        return Long.parseLong(m.group(1));
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    // ---- lines ---------------------------------------------------------------------------------------------

    static byte[] format(Consumed c) {
        if (!ID.matcher(c.planId()).matches() || !ID.matcher(c.keyId()).matches()) {
            throw new IllegalArgumentException("usage plan and key ids must be 1-64 characters of [A-Za-z0-9_-], got "
                    + c.planId() + " / " + c.keyId());
        }
        String body = "c " + c.planId() + " " + c.keyId() + " " + c.seq() + " " + c.atMillis();
        return (body + " " + crc(body) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The line's record, or null when it is not one intact line of this journal. */
    static Consumed parse(String line) {
        int lastSpace = line.lastIndexOf(' ');
        if (lastSpace < 0 || !line.substring(lastSpace + 1).equals(crc(line.substring(0, lastSpace)))) {
            return null;
        }
        String[] f = line.substring(0, lastSpace).split(" ", -1);
        if (f.length != 5 || !"c".equals(f[0]) || !ID.matcher(f[1]).matches() || !ID.matcher(f[2]).matches()) {
            return null;
        }
        try {
            return new Consumed(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /**
     * Applies every intact line. Damage is tolerated only at the end of a segment — the write a killed process did
     * not finish — and is cut off; damage followed by intact lines means the file was changed by something else.
     */
    private static void replay(Path file, Consumer<Consumed> apply) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage journal segment " + file, e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        // the element after the last '\n' is "" for a complete file, or a torn last line
        List<Consumed> intact = new ArrayList<>(lines.length);
        int firstBad = -1;
        for (int i = 0; i < lines.length; i++) {
            boolean complete = i < lines.length - 1;
            Consumed c = complete ? parse(lines[i]) : null;
            if (c != null && firstBad >= 0) {
                throw new IllegalStateException("the usage journal segment " + file + " is damaged at line " + (firstBad + 1)
                        + " ('" + abbreviate(lines[firstBad]) + "') but has intact lines after it; move it away to start"
                        + " without the usage it records");
            }
            if (c != null) {
                intact.add(c);
            } else if (complete || !lines[i].isEmpty()) {
                firstBad = firstBad < 0 ? i : firstBad;
            }
        }
        if (firstBad >= 0) {
            LOG.warn("usage journal {}: dropped a torn tail from line {} (the last write of a stage that was killed)",
                    file, firstBad + 1);
        }
        intact.forEach(apply);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
