package dev.turnstile.localstage.logs;

import java.util.TreeMap;

/** A group's settings and its streams by name (sorted, as DescribeLogStreams lists them). Guarded by the store. */
final class LogGroupState {

    final String name;
    final long creationTime;
    final String logGroupClass;
    /** 0 when no retention policy is set. */
    int retentionDays;
    final TreeMap<String, LogStreamState> streams = new TreeMap<>();

    LogGroupState(String name, long creationTime, int retentionDays, String logGroupClass) {
        this.name = name;
        this.creationTime = creationTime;
        this.retentionDays = retentionDays;
        this.logGroupClass = logGroupClass;
    }

    LogGroupInfo info() {
        long bytes = 0;
        for (LogStreamState stream : streams.values()) {
            bytes += stream.storedBytes();
        }
        return new LogGroupInfo(name, creationTime, retentionDays == 0 ? null : retentionDays, logGroupClass, bytes);
    }
}
