package dev.turnstile.localstage.gateway;

import dev.turnstile.localstage.cloudwatch.MetricDatum;
import dev.turnstile.localstage.cloudwatch.MetricSink;
import java.util.ArrayList;
import java.util.List;

/** The metrics the gateway published, in memory, in the order it published them (a test double of the store). */
final class MemoryMetricSink implements MetricSink {

    /** One {@link #record} call. */
    record Recorded(long timestampMillis, List<MetricDatum> data) { }

    private final List<Recorded> recorded = new ArrayList<>();

    @Override
    public synchronized void record(long timestampMillis, List<MetricDatum> data) {
        recorded.add(new Recorded(timestampMillis, List.copyOf(data)));
    }

    synchronized List<Recorded> recorded() {
        return List.copyOf(recorded);
    }
}
