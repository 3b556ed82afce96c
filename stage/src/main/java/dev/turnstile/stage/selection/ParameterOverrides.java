package dev.turnstile.stage.selection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code -Dturnstile.params=Name=Value,Name=Value} into template parameter overrides. */
public final class ParameterOverrides {

    private ParameterOverrides() {
    }

    /**
     * Parses the property text. Blank → no overrides. Values may contain {@code =} but not {@code ,}; a malformed
     * pair, an empty name or a repeated name is an error naming it.
     */
    public static Map<String, String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String trimmed = pair.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("turnstile.params: expected Name=Value, got '" + trimmed + "' in '"
                        + text + "'");
            }
            String name = trimmed.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("turnstile.params: '" + name
                        + "' is not a CloudFormation parameter name (alphanumeric)");
            }
            if (result.put(name, trimmed.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("turnstile.params: parameter " + name + " given twice");
            }
        }
        return Collections.unmodifiableMap(result);
    }
}
