package dev.turnstile.localstage.cloudwatch;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One CloudWatch metric: namespace, name and its exact set of dimensions. CloudWatch treats every combination of
 * dimensions as a metric of its own (docs/aws-behaviour.md §8.3), so {@code Count} with {@code ApiName, Stage} and
 * {@code Count} with {@code ApiName} alone are two keys. Immutable; the hash is computed once because the gateway
 * looks keys up on every request.
 */
public final class MetricKey {

    private final String namespace;
    private final String metricName;
    private final SortedMap<String, String> dimensions;
    private final int hash;

    private MetricKey(String namespace, String metricName, SortedMap<String, String> dimensions) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.metricName = Objects.requireNonNull(metricName, "metricName");
        this.dimensions = Collections.unmodifiableSortedMap(dimensions);
        this.hash = Objects.hash(namespace, metricName, dimensions);
    }

    /** A key; {@code dimensions} maps dimension names to values (any order; stored sorted by name). */
    public static MetricKey of(String namespace, String metricName, Map<String, String> dimensions) {
        return new MetricKey(namespace, metricName, new TreeMap<>(dimensions));
    }

    /** Metrics of one namespace that share {@code dimensions}, by name, in the order given. */
    public static Map<String, MetricKey> family(String namespace, Map<String, String> dimensions, String... names) {
        Map<String, MetricKey> out = new java.util.LinkedHashMap<>();
        for (String name : names) {
            out.put(name, of(namespace, name, dimensions));
        }
        return Collections.unmodifiableMap(out);
    }

    /** This metric with another name and the same namespace and dimensions. */
    public MetricKey named(String otherName) {
        return new MetricKey(namespace, otherName, new TreeMap<>(dimensions));
    }

    public String namespace() {
        return namespace;
    }

    public String metricName() {
        return metricName;
    }

    /** Dimensions sorted by name. */
    public SortedMap<String, String> dimensions() {
        return dimensions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricKey k && hash == k.hash && namespace.equals(k.namespace)
                && metricName.equals(k.metricName) && dimensions.equals(k.dimensions);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return namespace + " " + metricName + " " + dimensions;
    }
}
