package dev.turnstile.localstage.cloudwatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A structure of the CloudWatch service model in protocol-neutral form, so each operation builds its output once and
 * each wire encodes it its own way. Member values are {@code String}, {@code Number}, {@code Instant} (a timestamp),
 * {@code List} (a list shape), {@link ValueMap} (a map shape) or another {@code Struct}; null members are left out, as
 * every AWS protocol leaves unset members out.
 */
final class Struct {

    private final Map<String, Object> members = new LinkedHashMap<>();

    Struct put(String name, Object value) {
        if (value != null) {
            members.put(name, value);
        }
        return this;
    }

    Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    /** A map shape ({@code ExtendedStatistics}): the Query protocol writes it as {@code entry/key/value}. */
    record ValueMap(Map<String, ?> entries) { }
}
