package dev.turnstile.localstage.logs;

import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.util.List;

/** One change to the log store, as written to and replayed from the {@link LogJournal}. */
sealed interface JournalRecord {

    /** A group was created; {@code retentionDays} 0 means "never expire". */
    record GroupCreated(String group, long creationTime, int retentionDays, String logGroupClass)
            implements JournalRecord { }

    /** A group and all its streams were deleted. */
    record GroupDeleted(String group) implements JournalRecord { }

    /** PutRetentionPolicy (days &gt; 0) or DeleteRetentionPolicy (days 0). */
    record RetentionSet(String group, int retentionDays) implements JournalRecord { }

    /** A stream was created. */
    record StreamCreated(String group, String stream, long creationTime) implements JournalRecord { }

    /** A stream and its events were deleted. */
    record StreamDeleted(String group, String stream) implements JournalRecord { }

    /** A batch of events accepted at {@code ingestionTime}. */
    record EventsAppended(String group, String stream, long ingestionTime, List<LogEvent> events)
            implements JournalRecord { }
}
