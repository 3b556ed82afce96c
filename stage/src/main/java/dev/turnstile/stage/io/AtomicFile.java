package dev.turnstile.stage.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside it, which is then moved over it, so a
 * reader (a stage restarting, the merge polling a folder, a browser) sees the old file or the new one, never half a
 * file. The temporary file is created by {@link Files#createTempFile}, so the file ends readable by its owner only
 * (profiles and id files hold key values) and two writers of one file never share a temporary file. Its name starts
 * with a dot and ends in {@code .tmp}: readers that list {@code *.json} pass over one a crash left behind.
 */
public final class AtomicFile {

    /** How much the write survives. */
    public enum Durability {
        /** Whole-or-nothing for readers; a power cut may still lose the last write. */
        ATOMIC,
        /** Also forced to the disk, the file and then its directory's entry, before {@code write} returns. */
        DURABLE
    }

    private AtomicFile() {
    }

    /** Writes {@code bytes} to {@code file} whole or not at all, creating its directory if needed. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, Durability.ATOMIC);
    }

    /**
     * Writes {@code value} as JSON to {@code file} whole or not at all (a run folder's verdict and cross-check, which
     * the merge and the reports read while other injectors still write); returns the file.
     */
    public static Path writeJson(Path file, ObjectMapper json, Object value) {
        try {
            write(file, json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Writes {@code text} as UTF-8 to {@code file} whole or not at all. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), Durability.ATOMIC);
    }

    /** Writes {@code bytes} to {@code file} whole or not at all, and to the disk if {@code durability} says so. */
    public static void write(Path file, byte[] bytes, Durability durability) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (durability == Durability.DURABLE) {
                    out.force(true);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // a file system without atomic rename (rare: some network mounts) still gets the whole file
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (durability == Durability.DURABLE) {
            forceDirectory(dir);
        }
    }

    /** Makes the rename durable; file systems that cannot open a directory for reading are left to the OS. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // e.g. Windows: a directory cannot be opened as a channel; the rename is still atomic
        }
    }
}
