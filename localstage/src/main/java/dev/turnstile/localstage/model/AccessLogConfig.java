package dev.turnstile.localstage.model;

/**
 * Stage access logging ({@code AccessLogSetting}).
 *
 * @param logGroupName destination log group name (from {@code DestinationArn})
 * @param format       the one-line {@code $context} format
 * @param retentionDays retention of the destination group, or null when not declared
 */
public record AccessLogConfig(String logGroupName, String format, Integer retentionDays) { }
