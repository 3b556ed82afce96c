package dev.turnstile.reports.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A point in time on the command line: an ISO-8601 instant ({@code 2026-01-01T10:00:00Z}) or an ISO-8601
 * duration counted back from now ({@code PT1H} = one hour ago).
 */
final class TimeArgument implements CommandLine.ITypeConverter<Instant> {

    private final Clock clock;

    TimeArgument(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        String v = value.trim();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notAnInstant) {
            try {
                Duration back = Duration.parse(v);
                if (back.isNegative()) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is a negative duration; give how "
                            + "far back from now, e.g. PT1H");
                }
                return clock.instant().minus(back);
            } catch (DateTimeParseException notADuration) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 instant "
                        + "(e.g. 2026-01-01T10:00:00Z) nor a duration back from now (e.g. PT1H, P1D)");
            }
        }
    }
}
