package dev.turnstile.localstage.logs;

/**
 * A compiled CloudWatch Logs filter pattern (FilterLogEvents {@code filterPattern}); see
 * {@link FilterPatternParser} for the syntax served and the choices made where AWS is silent.
 */
@FunctionalInterface
public interface FilterPattern {

    /** Matches every event (the empty pattern). */
    FilterPattern ALL = message -> true;

    /** Whether the event message matches. */
    boolean matches(String message);

    /** Compiles a pattern; an invalid one fails with 400 InvalidParameterException "Invalid filter pattern". */
    static FilterPattern parse(String pattern) {
        return FilterPatternParser.parse(pattern);
    }
}
