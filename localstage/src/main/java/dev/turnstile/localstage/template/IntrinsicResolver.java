package dev.turnstile.localstage.template;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions (long form) against parameters, pseudo parameters, mappings,
 * conditions and the template's resources. {@code AWS::NoValue} removes the enclosing map entry or list element.
 */
final class IntrinsicResolver {

    /** What {@code Ref} and {@code Fn::GetAtt} return for the template's resources. */
    interface References {
        /** {@code Ref logicalId} (may be a SAM dotted name such as {@code Api.Stage}); null when unknown. */
        Object ref(String logicalId, String where);

        /** {@code Fn::GetAtt logicalId.attribute}. */
        Object getAtt(String logicalId, String attribute, String where);
    }

    /** Intrinsics CloudFormation knows but the local stage cannot evaluate. */
    static final Set<String> UNSUPPORTED = Set.of("Fn::ImportValue", "Fn::Cidr", "Fn::Transform",
            "Fn::ToJsonString", "Fn::Length", "Fn::ForEach");
    /** Intrinsics evaluated here (condition functions only inside {@code Conditions} and {@code Fn::If}). */
    static final Set<String> SUPPORTED = Set.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select",
            "Fn::Split", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::FindInMap", "Fn::Base64",
            "Fn::GetAZs", "Condition");

    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, String> pseudo;
    private final Map<String, Object> mappings;
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> evaluating = new LinkedHashSet<>();
    private final References references;

    IntrinsicResolver(Map<String, Object> parameters, Map<String, String> pseudo, Map<String, Object> mappings,
                      Map<String, Object> conditionDefinitions, References references) {
        this.parameters = parameters;
        this.pseudo = pseudo;
        this.mappings = mappings;
        this.conditionDefinitions = conditionDefinitions;
        this.references = references;
    }

    /** Checks a raw template subtree for intrinsics the local stage refuses (before anything is resolved). */
    static void checkFunctions(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.startsWith("Fn::") && !SUPPORTED.contains(key)) {
                    throw unsupportedFunction(key, where);
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkFunctions(e.getValue(), where + "." + e.getKey());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkFunctions(list.get(i), where + "[" + i + "]");
            }
        }
    }

    private static UnsupportedTemplateException unsupportedFunction(String function, String where) {
        String what = UNSUPPORTED.contains(function) ? "uses " + function
                : "uses the unknown intrinsic function " + function;
        return new UnsupportedTemplateException(where + " " + what + ", which is not supported by the local stage");
    }

    /** Resolves a value deeply; the result may be {@link #NO_VALUE} at the top. */
    Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if ("Ref".equals(key) || key.startsWith("Fn::")) {
                    return function(key, map.values().iterator().next(), where);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = resolve(e.getValue(), where + "." + e.getKey());
                if (v != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object v = resolve(list.get(i), where + "[" + i + "]");
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    /** Whether a named condition of the {@code Conditions} section holds. */
    boolean condition(String name, String where) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionDefinitions.containsKey(name)) {
            throw new TemplateException(where + " refers to condition " + name + ", which is not declared in Conditions");
        }
        if (!evaluating.add(name)) {
            throw new TemplateException("Conditions: circular condition " + String.join(" -> ", evaluating) + " -> " + name);
        }
        try {
            boolean result = conditionExpression(conditionDefinitions.get(name), "Conditions." + name);
            conditionValues.put(name, result);
            return result;
        } finally {
            evaluating.remove(name);
        }
    }

    private boolean conditionExpression(Object expression, String where) {
        if (expression instanceof Boolean b) {
            return b;
        }
        if (expression instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            switch (key) {
                case "Condition":
                    return condition(text(arg, where + ".Condition"), where);
                case "Fn::Equals": {
                    List<?> args = args(arg, 2, 2, key, where);
                    return scalarText(resolve(args.get(0), where), where)
                            .equals(scalarText(resolve(args.get(1), where), where));
                }
                case "Fn::Not":
                    return !conditionExpression(args(arg, 1, 1, key, where).get(0), where);
                case "Fn::And":
                    for (Object a : args(arg, 2, 10, key, where)) {
                        if (!conditionExpression(a, where)) {
                            return false;
                        }
                    }
                    return true;
                case "Fn::Or":
                    for (Object a : args(arg, 2, 10, key, where)) {
                        if (conditionExpression(a, where)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    break;
            }
        }
        throw new TemplateException(where + ": a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition, got "
                + expression);
    }

    private Object function(String name, Object arg, String where) {
        switch (name) {
            case "Ref":
                return ref(text(arg, where + ".Ref"), where);
            case "Fn::GetAtt": {
                List<?> args;
                if (arg instanceof String s && s.contains(".")) {
                    args = List.of(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1));
                } else {
                    args = args(resolve(arg, where), 2, 2, name, where);
                }
                return references.getAtt(scalarText(args.get(0), where), scalarText(args.get(1), where), where);
            }
            case "Fn::Sub":
                return sub(arg, where);
            case "Fn::Join": {
                List<?> args = args(arg, 2, 2, name, where);
                String delimiter = scalarText(resolve(args.get(0), where), where);
                List<String> parts = new ArrayList<>();
                for (Object o : listValue(resolve(args.get(1), where), name, where)) {
                    parts.add(scalarText(o, where));
                }
                return String.join(delimiter, parts);
            }
            case "Fn::Select": {
                List<?> args = args(arg, 2, 2, name, where);
                int index = integer(resolve(args.get(0), where), where);
                List<?> list = listValue(resolve(args.get(1), where), name, where);
                if (index < 0 || index >= list.size()) {
                    throw new TemplateException(where + ": Fn::Select index " + index + " is outside the list of "
                            + list.size());
                }
                return list.get(index);
            }
            case "Fn::Split": {
                List<?> args = args(arg, 2, 2, name, where);
                String delimiter = scalarText(resolve(args.get(0), where), where);
                String source = scalarText(resolve(args.get(1), where), where);
                return new ArrayList<>(List.of(source.split(Pattern.quote(delimiter), -1)));
            }
            case "Fn::If": {
                List<?> args = args(arg, 3, 3, name, where);
                String condition = text(args.get(0), where + ".Fn::If");
                return resolve(condition(condition, where) ? args.get(1) : args.get(2), where);
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
                return conditionExpression(Map.of(name, arg), where);
            case "Fn::FindInMap":
                return findInMap(args(resolve(arg, where), 3, 3, name, where), where);
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(
                        scalarText(resolve(arg, where), where).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs":
                String region = pseudo.get("AWS::Region");
                return new ArrayList<>(List.of(region + "a", region + "b", region + "c"));
            default:
                throw unsupportedFunction(name, where);
        }
    }

    private Object ref(String name, String where) {
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if ("AWS::NoValue".equals(name)) {
            return NO_VALUE;
        }
        if (name.startsWith("AWS::")) {
            throw new UnsupportedTemplateException(where + " uses the pseudo parameter " + name
                    + ", which is not supported by the local stage");
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object resource = references.ref(name, where);
        if (resource == null) {
            throw new TemplateException(where + " refers to " + name + ", which is neither a parameter nor a resource");
        }
        return resource;
    }

    private Object sub(Object arg, String where) {
        String template;
        Map<String, Object> variables = new HashMap<>();
        if (arg instanceof String s) {
            template = s;
        } else {
            List<?> args = args(arg, 2, 2, "Fn::Sub", where);
            template = text(args.get(0), where + ".Fn::Sub");
            Object vars = resolve(args.get(1), where);
            if (!(vars instanceof Map<?, ?> map)) {
                throw new TemplateException(where + ": the second element of Fn::Sub must be a map of variables");
            }
            map.forEach((k, v) -> variables.put(String.valueOf(k), v));
        }
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1).trim();
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = scalarText(variables.get(variable), where);
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                replacement = scalarText(references.getAtt(variable.substring(0, dot), variable.substring(dot + 1),
                        where), where);
            } else {
                replacement = scalarText(ref(variable, where), where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object findInMap(List<?> args, String where) {
        String mapName = scalarText(args.get(0), where);
        String top = scalarText(args.get(1), where);
        String second = scalarText(args.get(2), where);
        if (!(mappings.get(mapName) instanceof Map<?, ?> map)) {
            throw new TemplateException(where + ": Fn::FindInMap refers to mapping " + mapName + ", which is not declared");
        }
        if (!(map.get(top) instanceof Map<?, ?> level)) {
            throw new TemplateException(where + ": mapping " + mapName + " has no key " + top);
        }
        if (!level.containsKey(second)) {
            throw new TemplateException(where + ": mapping " + mapName + "." + top + " has no key " + second);
        }
        return level.get(second);
    }

    private static List<?> args(Object arg, int min, int max, String function, String where) {
        if (!(arg instanceof List<?> list) || list.size() < min || list.size() > max) {
            String count = min == max ? String.valueOf(min) : min + " to " + max;
            throw new TemplateException(where + ": " + function + " takes a list of " + count + " arguments, got " + arg);
        }
        return list;
    }

    private static List<?> listValue(Object value, String function, String where) {
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(where + ": " + function + " needs a list, got " + value);
        }
        return list;
    }

    private static String text(Object value, String where) {
        if (!(value instanceof String s)) {
            throw new TemplateException(where + " must be a string, got " + value);
        }
        return s;
    }

    /** A scalar as CloudFormation turns it into text (numbers and booleans as written). */
    static String scalarText(Object value, String where) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(where + ": expected a string, got " + (value == NO_VALUE ? "AWS::NoValue" : value));
    }

    private static int integer(Object value, String where) {
        try {
            return Integer.parseInt(scalarText(value, where).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ": expected an integer, got " + value, e);
        }
    }
}
