package dev.turnstile.localstage.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, lazily resolved access to one resource's properties (or a nested property map), so every error names
 * the resource and the property path, e.g. {@code TurnstileApi: property Auth.UsagePlan.Quota.Limit}.
 */
final class Props {

    private final String logicalId;
    private final String path;
    private final Map<?, ?> raw;
    private final IntrinsicResolver resolver;

    Props(String logicalId, String path, Map<?, ?> raw, IntrinsicResolver resolver) {
        this.logicalId = logicalId;
        this.path = path;
        this.raw = raw;
        this.resolver = resolver;
    }

    String logicalId() {
        return logicalId;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String where(String key) {
        return logicalId + ": property " + path(key);
    }

    Set<?> keys() {
        return raw.keySet();
    }

    boolean has(String key) {
        return raw.containsKey(key) && get(key) != null;
    }

    /** The key's raw (unresolved) value, e.g. to see which resource a {@code Ref} names. */
    Object raw(String key) {
        return raw.get(key);
    }

    /** The resolved value, or null when absent (or {@code AWS::NoValue}). */
    Object get(String key) {
        if (!raw.containsKey(key)) {
            return null;
        }
        // a null resolver means the map was resolved already (items of a resolved list)
        Object value = resolver == null ? raw.get(key) : resolver.resolve(raw.get(key), where(key));
        return value == IntrinsicResolver.NO_VALUE ? null : value;
    }

    /** Refuses the first present key of a list of data-plane properties the local stage does not emulate. */
    void refuse(String... keys) {
        for (String key : keys) {
            if (raw.containsKey(key)) {
                throw UnsupportedTemplateException.property(logicalId, path(key));
            }
        }
    }

    /** Refuses any key outside {@code supported}. */
    void allowOnly(Set<String> supported) {
        for (Object key : raw.keySet()) {
            if (!supported.contains(String.valueOf(key))) {
                throw UnsupportedTemplateException.property(logicalId, path(String.valueOf(key)));
            }
        }
    }

    String string(String key) {
        Object value = get(key);
        if (value == null) {
            throw new TemplateException(where(key) + " is required");
        }
        return IntrinsicResolver.scalarText(value, where(key));
    }

    String string(String key, String fallback) {
        Object value = get(key);
        return value == null ? fallback : IntrinsicResolver.scalarText(value, where(key));
    }

    Integer integerOrNull(String key) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        String text = IntrinsicResolver.scalarText(value, where(key)).trim();
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(where(key) + " must be an integer, got '" + text + "'");
        }
    }

    int integer(String key, int fallback) {
        Integer value = integerOrNull(key);
        return value == null ? fallback : value;
    }

    Double decimalOrNull(String key) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        String text = IntrinsicResolver.scalarText(value, where(key)).trim();
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(where(key) + " must be a number, got '" + text + "'");
        }
    }

    boolean bool(String key, boolean fallback) {
        Object value = get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = IntrinsicResolver.scalarText(value, where(key)).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new TemplateException(where(key) + " must be true or false, got '" + text + "'");
    }

    /** A nested property map, or null when absent. */
    Props child(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map && isIntrinsic(map)) {
            value = get(key);
            if (value == null) {
                return null;
            }
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException(where(key) + " must be a mapping, got " + value);
        }
        return new Props(logicalId, path(key), map, resolver);
    }

    /** A resolved list, empty when absent; a single scalar counts as a one-element list. */
    List<Object> list(String key) {
        Object value = get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(value);
    }

    /** A resolved string-to-string map (numbers and booleans as text), empty when absent. */
    Map<String, String> stringMap(String key) {
        Object value = get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException(where(key) + " must be a mapping, got " + value);
        }
        map.forEach((k, v) -> out.put(String.valueOf(k), IntrinsicResolver.scalarText(v, where(key) + "." + k)));
        return out;
    }

    static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
