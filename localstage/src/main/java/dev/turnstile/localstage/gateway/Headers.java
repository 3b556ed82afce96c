package dev.turnstile.localstage.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An ordered HTTP header multi-map that keeps every field's name exactly as sent and looks names up
 * case-insensitively, as API Gateway does for identity sources and {@code x-api-key}.
 */
public final class Headers {

    /** One header field as received or sent. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
        }
    }

    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    /** An empty, mutable header list. */
    public static Headers create() {
        return new Headers(new ArrayList<>(8));
    }

    /** A header list from name/value pairs, e.g. {@code of("Authorization", "allow", "x-api-key", "k")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs, got " + namesAndValues.length);
        }
        Headers headers = create();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** Appends a field (duplicates allowed; order kept). */
    public Headers add(String name, String value) {
        fields.add(new Field(name, value));
        return this;
    }

    /** Replaces every field of this name (case-insensitive) with one field. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field of this name (case-insensitive). */
    public void remove(String name) {
        fields.removeIf(f -> f.name.equalsIgnoreCase(name));
    }

    /** The first value of this name (case-insensitive), or null. */
    public String first(String name) {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                return f.value;
            }
        }
        return null;
    }

    /** The last value of this name (case-insensitive), or null; API Gateway's single-value maps keep the last. */
    public String last(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            Field f = fields.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                return f.value;
            }
        }
        return null;
    }

    /** Whether a field of this name exists (case-insensitive). */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Every field in order (read-only view). */
    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
