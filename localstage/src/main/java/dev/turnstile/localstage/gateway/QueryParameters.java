package dev.turnstile.localstage.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed query string: names and values percent-decoded ({@code +} as space, the form convention),
 * every occurrence kept in order, as the proxy event's single-value (last wins) and multi-value maps need.
 */
public final class QueryParameters {

    private static final QueryParameters EMPTY = new QueryParameters(Map.of());

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses {@code a=1&b=2&a=3}; null or empty gives no parameters. Malformed escapes are kept literally. */
    public static QueryParameters parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = PercentDecoder.decode(rawQuery, start, end, true);
                    value = "";
                } else {
                    name = PercentDecoder.decode(rawQuery, start, eq, true);
                    value = PercentDecoder.decode(rawQuery, eq + 1, end, true);
                }
                map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return new QueryParameters(map);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The last value of a name, or null. */
    public String last(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.get(list.size() - 1);
    }

    /** Every value of every name, in first-seen order of names. */
    public Map<String, List<String>> all() {
        return values;
    }
}
