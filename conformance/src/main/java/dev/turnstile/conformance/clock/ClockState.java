package dev.turnstile.conformance.clock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The local stage clock as its admin path reports it: {@code {"epochMillis":…,"iso":"…","frozen":false}}.
 *
 * @param epochMillis stage time in epoch milliseconds
 * @param iso         the same instant in ISO-8601
 * @param frozen      whether the clock is frozen
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClockState(long epochMillis, String iso, boolean frozen) { }
