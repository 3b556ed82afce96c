package dev.turnstile.localstage.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows the file an execution environment's stdout and stderr are appended to, and hands each line to the
 * environment, which attributes it to the running invocation.
 *
 * <p>A file rather than a pipe so that "everything the function printed before it answered" is exact: its
 * output is in the file before its response reaches the Runtime API, so {@link #drain()} at that moment reads
 * all of it (a pipe read by another thread cannot tell). A background thread drains every few milliseconds
 * for output between invocations.
 */
final class OutputTail implements Runnable, AutoCloseable {

    private static final long POLL_MILLIS = 10;

    private final FileChannel channel;
    private final Consumer<String> lines;
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean stopped;

    OutputTail(Path file, Consumer<String> lines) {
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot follow environment output " + file, e);
        }
        this.lines = lines;
    }

    @Override
    public void run() {
        while (!stopped) {
            drain();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads and delivers every complete line written so far. */
    synchronized void drain() {
        try {
            while (channel.isOpen() && channel.position() < channel.size()) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n <= 0) {
                    return;
                }
                split(buffer.array(), n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read environment output", e);
        }
    }

    /**
     * Reads and delivers everything written so far, an unterminated last line too. Called when an invocation ends:
     * the runtime writes each {@code LambdaLogger.log} call whole, and on AWS a call without a trailing newline is
     * still its own log event of that invocation, never held back until the next newline.
     */
    synchronized void drainAll() {
        drain();
        if (partial.size() > 0) {
            lines.accept(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
    }

    private void split(byte[] buf, int n) {
        int from = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                partial.write(buf, from, i - from);
                byte[] line = partial.toByteArray();
                int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                partial.reset();
                lines.accept(new String(line, 0, len, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        partial.write(buf, from, n - from);
    }

    /** Delivers what is left (an unterminated last line too) and stops following. */
    @Override
    public synchronized void close() {
        stopped = true;
        drainAll();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close environment output", e);
        }
    }
}
