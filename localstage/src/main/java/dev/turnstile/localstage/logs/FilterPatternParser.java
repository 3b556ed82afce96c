package dev.turnstile.localstage.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recursive-descent parser for CloudWatch Logs filter patterns. Hand-written because no library implements
 * CloudWatch's syntax (it is neither a regex, JSONPath nor Lucene dialect). The syntax follows AWS's
 * "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html, with its pages
 * "Using filter patterns to match terms in JSON log events" and "Supported regular expressions (regex)
 * syntax"):
 *
 * <ul>
 *   <li>empty (or blank) pattern: every event;</li>
 *   <li>terms: case-sensitive substrings, space-separated terms must all occur; {@code "quoted terms"} may
 *       hold spaces and punctuation ({@code \"} escapes a quote); {@code ?term}s form one OR group (at least
 *       one must occur); {@code -term} excludes events that contain it;</li>
 *   <li>{@code %regex%}: a Java regular expression found anywhere in the message, limited to the characters
 *       AWS allows (letters, digits, {@code :_#=@/;,-} and the operators {@code ^$?[]{}|\*+.}; no groups);</li>
 *   <li>JSON: {@code { $.a.b[0] = "x" }}, {@code =} and {@code !=} against strings (with {@code *} wildcards,
 *       quoted or bare) or numbers, {@code < > <= >=} against numbers, {@code IS NULL}, {@code NOT EXISTS},
 *       {@code IS TRUE}, {@code IS FALSE}, {@code &&}, {@code ||}, parentheses; {@code &&} binds tighter.
 *       Events that are not JSON objects never match.</li>
 * </ul>
 *
 * <p>Choices where AWS is unconfirmed (docs/aws-behaviour.md §12): a numeric comparison matches a JSON number
 * and also a JSON string that parses as a number, so {@code { $.status = 429 }} matches both
 * {@code "status":429} and {@code "status":"429"} (API Gateway access logs write numbers as strings); a string
 * comparison against a number or boolean compares with its JSON text, so {@code { $.status = "429" }} matches
 * both too. A comparison (including {@code !=}) is false when the selector is missing or points at an
 * object, array or null. Space-delimited patterns ({@code [a, b=…]}) are not served: they are answered with
 * the invalid-pattern error rather than a wrong match.
 */
final class FilterPatternParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGEX_ALLOWED = Pattern.compile("[A-Za-z0-9:_#=@/;,\\-^$?\\[\\]{}|\\\\*+.]+");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final String text;
    private int pos;

    private FilterPatternParser(String text) {
        this.text = text;
    }

    static FilterPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return FilterPattern.ALL;
        }
        String trimmed = pattern.strip();
        FilterPatternParser parser = new FilterPatternParser(trimmed);
        if (trimmed.startsWith("{")) {
            return parser.json();
        }
        if (trimmed.startsWith("[")) {
            throw invalid();
        }
        if (trimmed.length() >= 2 && trimmed.startsWith("%") && trimmed.endsWith("%")) {
            return regex(trimmed.substring(1, trimmed.length() - 1));
        }
        return parser.terms();
    }

    static LogsException invalid() {
        return LogsException.invalidParameter("Invalid filter pattern");
    }

    // ---- terms ----

    private FilterPattern terms() {
        List<String> required = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                break;
            }
            char prefix = text.charAt(pos);
            List<String> into = required;
            if (prefix == '?' || prefix == '-') {
                into = prefix == '?' ? anyOf : excluded;
                pos++;
            }
            into.add(term());
        }
        return message -> {
            for (String term : required) {
                if (!message.contains(term)) {
                    return false;
                }
            }
            for (String term : excluded) {
                if (message.contains(term)) {
                    return false;
                }
            }
            if (anyOf.isEmpty()) {
                return true;
            }
            for (String term : anyOf) {
                if (message.contains(term)) {
                    return true;
                }
            }
            return false;
        };
    }

    private String term() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            return quoted();
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            char c = text.charAt(pos);
            if (c == '"' || c == '{' || c == '}') {
                throw invalid();
            }
            pos++;
        }
        if (pos == start) {
            throw invalid();
        }
        return text.substring(start, pos);
    }

    /** A double-quoted string starting at {@code pos}; {@code \"} and {@code \\} are escapes. */
    private String quoted() {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw invalid();
    }

    // ---- regex ----

    private static FilterPattern regex(String body) {
        if (body.isEmpty() || !REGEX_ALLOWED.matcher(body).matches()) {
            throw invalid();
        }
        try {
            Pattern compiled = Pattern.compile(body);
            return message -> compiled.matcher(message).find();
        } catch (PatternSyntaxException e) {
            throw invalid();
        }
    }

    // ---- JSON ----

    private FilterPattern json() {
        expect('{');
        JsonCondition condition = orExpression();
        skipSpaces();
        expect('}');
        skipSpaces();
        if (pos != text.length()) {
            throw invalid();
        }
        return message -> {
            if (message.isEmpty() || message.charAt(0) != '{') {
                return false;
            }
            try {
                JsonNode root = JSON.readTree(message);
                return root != null && root.isObject() && condition.test(root);
            } catch (JsonProcessingException notJson) {
                return false;
            }
        };
    }

    private JsonCondition orExpression() {
        JsonCondition left = andExpression();
        while (accept("||")) {
            JsonCondition l = left;
            JsonCondition r = andExpression();
            left = root -> l.test(root) || r.test(root);
        }
        return left;
    }

    private JsonCondition andExpression() {
        JsonCondition left = primary();
        while (accept("&&")) {
            JsonCondition l = left;
            JsonCondition r = primary();
            left = root -> l.test(root) && r.test(root);
        }
        return left;
    }

    private JsonCondition primary() {
        if (accept("(")) {
            JsonCondition inner = orExpression();
            if (!accept(")")) {
                throw invalid();
            }
            return inner;
        }
        return comparison();
    }

    private JsonCondition comparison() {
        skipSpaces();
        List<Object> path = selector();
        if (acceptWord("IS")) {
            if (acceptWord("NULL")) {
                return root -> {
                    JsonNode node = resolve(root, path);
                    return node != null && node.isNull();
                };
            }
            boolean wanted;
            if (acceptWord("TRUE")) {
                wanted = true;
            } else if (acceptWord("FALSE")) {
                wanted = false;
            } else {
                throw invalid();
            }
            return root -> {
                JsonNode node = resolve(root, path);
                return node != null && node.isBoolean() && node.booleanValue() == wanted;
            };
        }
        if (acceptWord("NOT")) {
            if (!acceptWord("EXISTS")) {
                throw invalid();
            }
            return root -> resolve(root, path) == null;
        }
        String operator = operator();
        skipSpaces();
        boolean quotedValue = pos < text.length() && text.charAt(pos) == '"';
        String value = quotedValue ? quoted() : bareValue();
        if (!quotedValue && NUMBER.matcher(value).matches()) {
            BigDecimal number = new BigDecimal(value);
            return root -> compareNumber(resolve(root, path), operator, number);
        }
        if (!operator.equals("=") && !operator.equals("!=")) {
            throw invalid();
        }
        Pattern wildcard = wildcard(value);
        boolean negate = operator.equals("!=");
        return root -> {
            JsonNode node = resolve(root, path);
            if (node == null || !node.isValueNode() || node.isNull()) {
                return false;
            }
            return wildcard.matcher(node.asText()).matches() != negate;
        };
    }

    private static boolean compareNumber(JsonNode node, String operator, BigDecimal expected) {
        if (node == null) {
            return false;
        }
        BigDecimal actual;
        if (node.isNumber()) {
            actual = node.decimalValue();
        } else if (node.isTextual() && NUMBER.matcher(node.textValue()).matches()) {
            actual = new BigDecimal(node.textValue());
        } else {
            return false;
        }
        int c = actual.compareTo(expected);
        return switch (operator) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalStateException(operator);
        };
    }

    /** {@code *} matches any run of characters; everything else is literal; the whole value must match. */
    private static Pattern wildcard(String value) {
        String[] parts = value.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** {@code $} then {@code .name} and {@code [index]} steps; returns names (String) and indexes (Integer). */
    private List<Object> selector() {
        if (pos >= text.length() || text.charAt(pos) != '$') {
            throw invalid();
        }
        pos++;
        List<Object> path = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.') {
                pos++;
                int start = pos;
                while (pos < text.length() && isNameChar(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw invalid();
                }
                path.add(text.substring(start, pos));
            } else if (c == '[') {
                int close = text.indexOf(']', pos);
                if (close < 0) {
                    throw invalid();
                }
                try {
                    path.add(Integer.valueOf(text.substring(pos + 1, close)));
                } catch (NumberFormatException e) {
                    throw invalid();
                }
                pos = close + 1;
            } else {
                break;
            }
        }
        if (path.isEmpty()) {
            throw invalid();
        }
        return path;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == ':';
    }

    private static JsonNode resolve(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private String operator() {
        skipSpaces();
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw invalid();
    }

    private String bareValue() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ')' || c == '}' || c == '&' || c == '|' || c == '"') {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw invalid();
        }
        return text.substring(start, pos);
    }

    // ---- lexing helpers ----

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void expect(char c) {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw invalid();
        }
        pos++;
    }

    private boolean accept(String token) {
        skipSpaces();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    /** A keyword followed by a non-name character. */
    private boolean acceptWord(String word) {
        skipSpaces();
        int end = pos + word.length();
        if (text.startsWith(word, pos) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    /** One JSON condition over the parsed event. */
    @FunctionalInterface
    private interface JsonCondition {
        boolean test(JsonNode root);
    }
}
