package dev.turnstile.localstage.cloudwatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * The metric math the local stage serves in {@code GetMetricData} expressions (docs/aws-behaviour.md §8.3): numbers,
 * the ids of other queries, {@code + - * /}, parentheses, unary minus, and the functions {@code SUM}, {@code AVG},
 * {@code MIN}, {@code MAX} — over an array {@code [m1, m2]} they combine the series at each timestamp, over one series
 * they give one number. Between two series an operator keeps the timestamps both have; a division by zero leaves its
 * timestamp out. Anything else is refused with {@code InvalidParameterValue} naming the query and what is not served.
 */
final class MetricMath {

    /** A parsed expression. */
    sealed interface Node permits Num, Ref, Binary, Negate, Call { }

    record Num(double value) implements Node { }

    record Ref(String id) implements Node { }

    record Binary(char operator, Node left, Node right) implements Node { }

    record Negate(Node operand) implements Node { }

    /** A function over an array ({@code array} true) or a single argument. */
    record Call(String function, List<Node> arguments, boolean array) implements Node { }

    /** A value while evaluating: a number or a time series (timestamp → value). */
    record Value(Double scalar, NavigableMap<Long, Double> series) {
        static Value of(double v) {
            return new Value(v, null);
        }

        static Value of(NavigableMap<Long, Double> s) {
            return new Value(null, s);
        }
    }

    static final List<String> FUNCTIONS = List.of("SUM", "AVG", "MIN", "MAX");

    private final String text;
    private final String where;
    private int at;

    private MetricMath(String text, String where) {
        this.text = text;
        this.where = where;
    }

    /** Parses {@code expression}; {@code id} names the query in error messages. */
    static Node parse(String expression, String id) {
        MetricMath parser = new MetricMath(expression, id);
        Node node = parser.sum();
        parser.skipSpaces();
        if (parser.at < expression.length()) {
            throw parser.error("unexpected '" + expression.substring(parser.at) + "'");
        }
        return node;
    }

    /** The query ids an expression refers to. */
    static Set<String> references(Node node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, out);
        return out;
    }

    /** Evaluates {@code node}; {@code series} gives the values of another query by id. */
    static Value evaluate(Node node, Function<String, NavigableMap<Long, Double>> series) {
        if (node instanceof Num n) {
            return Value.of(n.value());
        }
        if (node instanceof Ref r) {
            return Value.of(series.apply(r.id()));
        }
        if (node instanceof Negate n) {
            return combine(Value.of(0), evaluate(n.operand(), series), (a, b) -> a - b);
        }
        if (node instanceof Binary b) {
            return combine(evaluate(b.left(), series), evaluate(b.right(), series), operator(b.operator()));
        }
        return call((Call) node, series);
    }

    // ---- evaluation -----------------------------------------------------------------------------------------

    private static DoubleBinaryOperator operator(char op) {
        return switch (op) {
            case '+' -> Double::sum;
            case '-' -> (a, b) -> a - b;
            case '*' -> (a, b) -> a * b;
            case '/' -> (a, b) -> a / b;
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    private static Value combine(Value left, Value right, DoubleBinaryOperator op) {
        if (left.scalar() != null && right.scalar() != null) {
            return Value.of(op.applyAsDouble(left.scalar(), right.scalar()));
        }
        NavigableMap<Long, Double> out = new TreeMap<>();
        Set<Long> times = new TreeSet<>(left.series() != null ? left.series().keySet() : right.series().keySet());
        if (left.series() != null && right.series() != null) {
            times.retainAll(right.series().keySet());
        }
        for (long t : times) {
            double a = left.scalar() != null ? left.scalar() : left.series().get(t);
            double b = right.scalar() != null ? right.scalar() : right.series().get(t);
            double v = op.applyAsDouble(a, b);
            if (Double.isFinite(v)) {
                out.put(t, v);
            }
        }
        return Value.of(out);
    }

    private static Value call(Call c, Function<String, NavigableMap<Long, Double>> series) {
        List<Value> args = new ArrayList<>();
        c.arguments().forEach(a -> args.add(evaluate(a, series)));
        if (!c.array()) {
            Value only = args.get(0);
            List<Double> values = only.scalar() != null ? List.of(only.scalar()) : List.copyOf(only.series().values());
            return values.isEmpty() ? Value.of(new TreeMap<>()) : Value.of(reduce(c.function(), values));
        }
        NavigableMap<Long, List<Double>> byTime = new TreeMap<>();
        for (Value v : args) {
            if (v.series() != null) {
                v.series().forEach((t, x) -> byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(x));
            }
        }
        for (Value v : args) {
            if (v.scalar() != null) {
                byTime.values().forEach(list -> list.add(v.scalar()));
            }
        }
        NavigableMap<Long, Double> out = new TreeMap<>();
        byTime.forEach((t, values) -> out.put(t, reduce(c.function(), values)));
        return Value.of(out);
    }

    private static double reduce(String function, List<Double> values) {
        return switch (function) {
            case "SUM" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "AVG" -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            case "MIN" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "MAX" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            default -> throw new IllegalStateException("function " + function);
        };
    }

    private static void collect(Node node, Set<String> out) {
        if (node instanceof Ref r) {
            out.add(r.id());
        } else if (node instanceof Negate n) {
            collect(n.operand(), out);
        } else if (node instanceof Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (node instanceof Call c) {
            c.arguments().forEach(a -> collect(a, out));
        }
    }

    // ---- parsing: sum := product (('+'|'-') product)*, product := unary (('*'|'/') unary)* -----------------------

    private Node sum() {
        return binary("+-", this::product);
    }

    private Node product() {
        return binary("*/", this::unary);
    }

    /** Operands from {@code operand} joined left to right by any of {@code operators}. */
    private Node binary(String operators, java.util.function.Supplier<Node> operand) {
        Node left = operand.get();
        while (true) {
            skipSpaces();
            if (at >= text.length() || operators.indexOf(text.charAt(at)) < 0) {
                return left;
            }
            char op = text.charAt(at++);
            left = new Binary(op, left, operand.get());
        }
    }

    private Node unary() {
        if (peek('-')) {
            at++;
            return new Negate(unary());
        }
        return primary();
    }

    private Node primary() {
        skipSpaces();
        if (at >= text.length()) {
            throw error("the expression ends where a value is expected");
        }
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            Node inner = sum();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            try {
                return new Num(Double.parseDouble(text.substring(start, at)));
            } catch (NumberFormatException e) {
                throw error("'" + text.substring(start, at) + "' is not a number");
            }
        }
        if (Character.isLetter(c)) {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String word = text.substring(start, at);
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '(') {
                return function(word);
            }
            if (!Character.isLowerCase(word.charAt(0))) {
                throw error("'" + word + "' is neither a query id nor a function call");
            }
            return new Ref(word);
        }
        throw error("unexpected '" + c + "'");
    }

    private Node function(String name) {
        if (!FUNCTIONS.contains(name)) {
            throw error("the local stage serves the functions " + String.join(", ", FUNCTIONS)
                    + " and the operators + - * /; " + name + " is not served");
        }
        expect('(');
        List<Node> args = new ArrayList<>();
        boolean array = peek('[');
        if (array) {
            at++;
            args.add(sum());
            while (peek(',')) {
                at++;
                args.add(sum());
            }
            expect(']');
        } else {
            args.add(sum());
        }
        expect(')');
        return new Call(name, args, array);
    }

    private boolean peek(char c) {
        skipSpaces();
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected at position " + (at + 1));
        }
        at++;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private MetricsException error(String detail) {
        return MetricsException.invalidValue("Error in expression '" + where + "': " + detail + ".");
    }
}
