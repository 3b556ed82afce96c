package dev.turnstile.localstage.logs;

import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A child JVM for the durability test: writes N events, one PutLogEvents each, to {@code g/s} in a store on the
 * given directory, prints {@code READY N} and then waits to be killed (never closing the store, so nothing is
 * fsynced).
 */
public final class LogWriterMain {

    private LogWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        LogStore store = LogStore.open(directory, Clock.systemUTC());
        for (int i = 0; i < count; i++) {
            store.putLogEvents("g", "s", List.of(new LogEvent(1_000_000L + i, "event-" + i)));
        }
        System.out.println("READY " + count);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
