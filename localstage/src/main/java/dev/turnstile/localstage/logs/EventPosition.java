package dev.turnstile.localstage.logs;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A point in a stream's (timestamp, sequence) order, printed as 56 decimal digits the way AWS's GetLogEvents
 * tokens ({@code f/…}, {@code b/…}) and event ids look: 20 digits of the timestamp shifted to unsigned,
 * then 36 digits of the sequence. An event sits at its own position; sequence 0 is never an event, so
 * {@code (t, 0)} is "just before every event at time t".
 */
public record EventPosition(long timestamp, long sequence) implements Comparable<EventPosition> {

    /** Before every event. */
    public static final EventPosition FIRST = new EventPosition(Long.MIN_VALUE, 0);

    private static final Comparator<EventPosition> ORDER =
            Comparator.comparingLong(EventPosition::timestamp).thenComparingLong(EventPosition::sequence);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{56}");

    /** The position right after this one (after the event that sits here). */
    public EventPosition next() {
        return new EventPosition(timestamp, sequence + 1);
    }

    /** 56 digits. */
    public String encode() {
        String ts = Long.toUnsignedString(timestamp ^ Long.MIN_VALUE);
        String seq = Long.toString(sequence);
        return "0".repeat(20 - ts.length()) + ts + "0".repeat(36 - seq.length()) + seq;
    }

    /** Parses {@link #encode()}'s output; throws the AWS "nextToken is invalid" error for anything else. */
    public static EventPosition decode(String digits) {
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw LogsException.invalidNextToken();
        }
        try {
            long ts = Long.parseUnsignedLong(digits.substring(0, 20)) ^ Long.MIN_VALUE;
            long seq = Long.parseLong(digits.substring(20));
            return new EventPosition(ts, seq);
        } catch (NumberFormatException outOfRange) {
            throw LogsException.invalidNextToken();
        }
    }

    @Override
    public int compareTo(EventPosition other) {
        return ORDER.compare(this, other);
    }
}
