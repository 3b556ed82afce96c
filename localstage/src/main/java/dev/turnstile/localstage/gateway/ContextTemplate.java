package dev.turnstile.localstage.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * A template with {@code $context.*} (and {@code $stageVariables.*}) variables, compiled once into
 * literal and variable segments so rendering a request is one pass with no parsing or regex. Used for
 * the access-log format and for customised gateway-response templates (plain substitution, not VTL).
 */
public final class ContextTemplate {

    private static final String CONTEXT = "$context.";
    private static final String STAGE_VARIABLES = "$stageVariables.";

    private sealed interface Segment permits Literal, Variable { }

    private record Literal(String text) implements Segment { }

    private record Variable(ContextVariables.Resolver resolver) implements Segment { }

    private final String source;
    private final Segment[] segments;
    private final int sizeHint;

    private ContextTemplate(String source, Segment[] segments) {
        this.source = source;
        this.segments = segments;
        this.sizeHint = source.length() + 64;
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException naming the variable when the template uses a {@code $context}
     *                                  variable the local stage does not know
     */
    public static ContextTemplate compile(String template, ContextVariables variables) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith(CONTEXT, i)) {
                ContextVariables.Match m = variables.match(template, i + CONTEXT.length());
                if (m == null) {
                    int end = i + CONTEXT.length();
                    while (end < template.length() && ContextVariables.isNameChar(template.charAt(end))) {
                        end++;
                    }
                    throw new IllegalArgumentException("unknown variable '" + template.substring(i, end)
                            + "' in template: " + template);
                }
                flush(literal, segments);
                segments.add(new Variable(m.resolver()));
                i += CONTEXT.length() + m.length();
            } else if (template.startsWith(STAGE_VARIABLES, i)) {
                int start = i + STAGE_VARIABLES.length();
                int end = start;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                if (end == start) {
                    throw new IllegalArgumentException("empty stage variable name in template: " + template);
                }
                flush(literal, segments);
                segments.add(new Variable(variables.stageVariable(template.substring(start, end))));
                i = end;
            } else {
                literal.append(template.charAt(i++));
            }
        }
        flush(literal, segments);
        return new ContextTemplate(template, segments.toArray(new Segment[0]));
    }

    private static void flush(StringBuilder literal, List<Segment> segments) {
        if (literal.length() > 0) {
            segments.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Renders for one request; unset variables become {@code unset}. */
    public String render(InvocationContext context, String unset) {
        StringBuilder sb = new StringBuilder(sizeHint);
        for (Segment segment : segments) {
            if (segment instanceof Literal l) {
                sb.append(l.text);
            } else {
                String value = ((Variable) segment).resolver.apply(context);
                sb.append(value == null ? unset : value);
            }
        }
        return sb.toString();
    }

    public String source() {
        return source;
    }
}
