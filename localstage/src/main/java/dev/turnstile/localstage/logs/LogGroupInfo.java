package dev.turnstile.localstage.logs;

/** A snapshot of a log group as DescribeLogGroups shows it; {@code retentionInDays} is null when unset. */
public record LogGroupInfo(String logGroupName, long creationTime, Integer retentionInDays, String logGroupClass,
                           long storedBytes) { }
