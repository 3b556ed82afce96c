package dev.turnstile.localstage.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads an execution environment's stdout (stderr merged) on one thread per environment and hands each line
 * to the environment, which attributes it to the running invocation.
 *
 * <p>{@link #awaitQuiet} lets the Runtime API wait, before writing {@code END}, until every byte the function
 * wrote before answering has been read: the function's output reaches the pipe before its response reaches
 * the Runtime API, so "pipe empty and reader parked" means its lines are in.
 */
final class OutputPump implements Runnable {

    private final InputStream in;
    private final Consumer<String> lines;
    private final Runnable onEnd;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean parked;

    OutputPump(InputStream in, Consumer<String> lines, Runnable onEnd) {
        this.in = in;
        this.lines = lines;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                synchronized (this) {
                    parked = true;
                    notifyAll();
                }
                int n = in.read(buf);
                synchronized (this) {
                    parked = false;
                }
                if (n < 0) {
                    break;
                }
                split(buf, n);
            }
        } catch (IOException e) {
            // the process's pipe closes when it is killed; what was read has been delivered
        } finally {
            if (partial.size() > 0) {
                lines.accept(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
            synchronized (this) {
                parked = true;
                notifyAll();
            }
            onEnd.run();
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

    /** Waits (at most {@code maxMillis}) until the pipe is empty and every line read has been delivered. */
    void awaitQuiet(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        synchronized (this) {
            while (!(parked && availableOrZero() == 0)) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return;
                }
                try {
                    wait(Math.min(left, 5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int availableOrZero() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0; // closed pipe: nothing more will come
        }
    }
}
