package dev.turnstile.localstage.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies parameter overrides to the template's {@code Parameters}: defaults, types (String, Number,
 * CommaDelimitedList, List&lt;Number&gt;, AWS-specific types as strings) and constraints (AllowedValues,
 * AllowedPattern, Min/MaxLength, Min/MaxValue). Every violation is a {@link TemplateException} naming the parameter.
 */
final class TemplateParameters {

    private TemplateParameters() {
    }

    /** Parameter values by name: a String, or a List of Strings for list types. */
    static Map<String, Object> resolve(Map<String, Object> declarations, Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!declarations.containsKey(name)) {
                throw new TemplateException("parameter override " + name + " does not match any template parameter"
                        + " (declared: " + String.join(", ", declarations.keySet()) + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : declarations.entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> declaration)) {
                throw new TemplateException("Parameters." + name + " must be a mapping");
            }
            String type = String.valueOf(declaration.containsKey("Type") ? declaration.get("Type") : "");
            if (type.isEmpty()) {
                throw new TemplateException("Parameters." + name + " has no Type");
            }
            if (type.startsWith("AWS::SSM::Parameter")) {
                throw new UnsupportedTemplateException("Parameters." + name + ": type " + type
                        + " is not supported by the local stage (pass a plain String parameter instead)");
            }
            String raw;
            if (overrides.containsKey(name)) {
                raw = overrides.get(name);
            } else if (declaration.containsKey("Default")) {
                raw = IntrinsicResolver.scalarText(declaration.get("Default"), "Parameters." + name + ".Default");
            } else {
                throw new TemplateException("parameter " + name + " has no Default and no override was given");
            }
            values.put(name, check(name, type, raw, declaration));
        }
        return values;
    }

    private static Object check(String name, String type, String raw, Map<?, ?> declaration) {
        String where = "parameter " + name;
        boolean list = type.equals("CommaDelimitedList") || type.startsWith("List<");
        List<String> items = list ? List.of(raw.split(",", -1)) : List.of(raw);
        boolean number = type.equals("Number") || type.equals("List<Number>");
        for (String item : items) {
            String value = list ? item.trim() : item;
            if (number) {
                try {
                    BigDecimal n = new BigDecimal(value.trim());
                    bound(declaration, "MinValue", where, value, n, true);
                    bound(declaration, "MaxValue", where, value, n, false);
                } catch (NumberFormatException ex) {
                    throw new TemplateException(where + " must be a Number, got '" + value + "'");
                }
            }
            if (declaration.get("AllowedValues") instanceof List<?> allowed) {
                List<String> texts = allowed.stream()
                        .map(a -> IntrinsicResolver.scalarText(a, where + " AllowedValues")).toList();
                if (!texts.contains(value)) {
                    throw new TemplateException(where + " must be one of " + texts + ", got '" + value + "'");
                }
            }
            if (declaration.get("AllowedPattern") instanceof String pattern && !Pattern.matches(pattern, value)) {
                throw new TemplateException(where + " must match AllowedPattern " + pattern + ", got '" + value + "'");
            }
            length(declaration, "MinLength", where, value, true);
            length(declaration, "MaxLength", where, value, false);
        }
        if (!list) {
            return raw;
        }
        return new ArrayList<>(items.stream().map(String::trim).toList());
    }

    private static void bound(Map<?, ?> declaration, String key, String where, String value, BigDecimal n, boolean min) {
        if (declaration.containsKey(key)) {
            BigDecimal limit = new BigDecimal(IntrinsicResolver.scalarText(declaration.get(key), where + " " + key));
            if (min ? n.compareTo(limit) < 0 : n.compareTo(limit) > 0) {
                throw new TemplateException(where + " must be " + (min ? "at least " : "at most ")
                        + limit.toPlainString() + ", got '" + value + "'");
            }
        }
    }

    private static void length(Map<?, ?> declaration, String key, String where, String value, boolean min) {
        if (declaration.containsKey(key)) {
            int limit = Integer.parseInt(IntrinsicResolver.scalarText(declaration.get(key), where + " " + key));
            if (min ? value.length() < limit : value.length() > limit) {
                throw new TemplateException(where + " must be " + (min ? "at least " : "at most ") + limit
                        + " characters long, got '" + value + "'");
            }
        }
    }
}
