package dev.turnstile.conformance.crosscheck;

/**
 * One CloudWatch Logs event as the cross-check reads it.
 *
 * @param eventId   the event id (unique within the group)
 * @param timestamp event time, epoch ms
 * @param message   the message text
 */
public record LogEvent(String eventId, long timestamp, String message) { }
