package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CloudWatch operations the local stage serves, over the {@link MetricStore}: {@code ListMetrics},
 * {@code GetMetricStatistics} and {@code GetMetricData} (metric stats and the {@link MetricMath} expressions). Inputs
 * and outputs follow the service model ({@code monitoring-2010-08-01}); validation errors use the codes and, where
 * recorded, the messages CloudWatch answers with (docs/aws-behaviour.md §8.3).
 */
final class MetricsApi {

    /** Most datapoints one {@code GetMetricStatistics} call may ask for. */
    static final int MAX_DATAPOINTS = 1440;
    /** {@code ListMetrics} page size. */
    static final int LIST_PAGE = 500;
    /** {@code GetMetricData}'s default {@code MaxDatapoints}. */
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    /** Most queries in one {@code GetMetricData} call. */
    static final int MAX_QUERIES = 500;
    /** {@code ListMetrics} leaves out metrics without values in this long (doc). */
    private static final Duration LISTED_FOR = Duration.ofDays(14);
    private static final long MINUTE = 60_000;

    private final MetricStore store;
    private final Clock clock;

    /** {@code clock}: what "now" is for {@code ListMetrics}'s two-week and {@code RecentlyActive} windows. */
    MetricsApi(MetricStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Struct invoke(String operation, ObjectNode input) {
        MetricsRequest request = MetricsRequest.of(input);
        return switch (operation) {
            case "ListMetrics" -> listMetrics(request);
            case "GetMetricStatistics" -> getMetricStatistics(request);
            case "GetMetricData" -> getMetricData(request);
            default -> throw MetricsException.unknownOperation(operation);
        };
    }

    // ---- ListMetrics ----------------------------------------------------------------------------------------

    private Struct listMetrics(MetricsRequest r) {
        String namespace = r.string("Namespace");
        String name = r.string("MetricName");
        List<MetricsRequest> filters = r.structures("Dimensions");
        if (filters.size() > 10) {
            throw MetricsException.invalidValue("The collection Dimensions must not have more than 10 members.");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (MetricsRequest f : filters) {
            wanted.put(f.requiredString("Name"), f.string("Value"));
        }
        String recently = r.string("RecentlyActive");
        if (recently != null && !"PT3H".equals(recently)) {
            throw MetricsException.invalidValue("The parameter RecentlyActive must be PT3H.");
        }
        long now = clock.millis();
        long since = now - (recently != null ? Duration.ofHours(3) : LISTED_FOR).toMillis();
        List<MetricKey> keys = store.series().stream()
                .filter(s -> s.lastMillis() >= since)
                .map(MetricStore.SeriesView::key)
                .filter(k -> namespace == null || k.namespace().equals(namespace))
                .filter(k -> name == null || k.metricName().equals(name))
                .filter(k -> wanted.entrySet().stream().allMatch(w -> k.dimensions().containsKey(w.getKey())
                        && (w.getValue() == null || w.getValue().equals(k.dimensions().get(w.getKey())))))
                .distinct()
                .sorted(Comparator.comparing(MetricKey::toString))
                .toList();
        int from = offset(r.string("NextToken"), keys.size());
        int to = Math.min(keys.size(), from + LIST_PAGE);
        List<Struct> metrics = new ArrayList<>();
        for (MetricKey k : keys.subList(from, to)) {
            metrics.add(metric(k));
        }
        return new Struct().put("Metrics", metrics).put("NextToken", to < keys.size() ? token(to) : null);
    }

    private static Struct metric(MetricKey k) {
        List<Struct> dims = new ArrayList<>();
        k.dimensions().forEach((n, v) -> dims.add(new Struct().put("Name", n).put("Value", v)));
        return new Struct().put("Namespace", k.namespace()).put("MetricName", k.metricName()).put("Dimensions", dims);
    }

    // ---- GetMetricStatistics --------------------------------------------------------------------------------

    private Struct getMetricStatistics(MetricsRequest r) {
        MetricKey key = MetricKey.of(r.requiredString("Namespace"), r.requiredString("MetricName"), dimensions(r));
        Instant start = r.requiredTimestamp("StartTime");
        Instant end = r.requiredTimestamp("EndTime");
        int period = r.requiredInteger("Period");
        if (!start.isBefore(end)) {
            throw startNotBeforeEnd();
        }
        List<String> basic = r.strings("Statistics");
        List<String> extended = r.strings("ExtendedStatistics");
        if (basic.isEmpty() && extended.isEmpty()) {
            throw MetricsException.missing("Statistics or ExtendedStatistics");
        }
        if (!basic.isEmpty() && !extended.isEmpty()) {
            throw MetricsException.invalidCombination("The parameters Statistics and ExtendedStatistics are mutually "
                    + "exclusive and you have specified both.");
        }
        if (basic.size() > 5 || extended.size() > 10) {
            throw MetricsException.invalidValue("The collection " + (basic.size() > 5 ? "Statistics" : "ExtendedStatistics")
                    + " must not have more than " + (basic.size() > 5 ? 5 : 10) + " members.");
        }
        List<Statistic> stats = new ArrayList<>();
        for (int i = 0; i < basic.size(); i++) {
            Statistic s = Statistic.parse(basic.get(i));
            if (s == null || s.percentile() != null) {
                throw MetricsException.invalidValue("The parameter Statistics.member." + (i + 1)
                        + " must be a value in the set [ " + String.join(", ", Statistic.BASIC) + " ].");
            }
            stats.add(s);
        }
        for (int i = 0; i < extended.size(); i++) {
            Statistic s = Statistic.parse(extended.get(i));
            if (s == null || s.percentile() == null) {
                throw MetricsException.invalidValue("The parameter ExtendedStatistics.member." + (i + 1)
                        + " must be a percentile from p0.0 to p100 (the local stage serves percentiles only).");
            }
            stats.add(s);
        }
        String unit = r.string("Unit");
        long periodMillis = checkedPeriod(period, "Period");
        long from = alignedStart(start, period);
        checkWindow(from, end.toEpochMilli(), periodMillis, MAX_DATAPOINTS);
        List<Struct> datapoints = new ArrayList<>();
        String recordedUnit = unit != null ? unit : store.unitOf(key);
        store.aggregate(key, unit, from, end.toEpochMilli(), periodMillis).forEach((t, values) -> {
            Struct point = new Struct().put("Timestamp", Instant.ofEpochMilli(t));
            Map<String, Double> percentiles = new LinkedHashMap<>();
            for (Statistic s : stats) {
                if (s.percentile() == null) {
                    point.put(s.name(), s.of(values));
                } else {
                    percentiles.put(s.name(), s.of(values));
                }
            }
            point.put("Unit", recordedUnit);
            if (!percentiles.isEmpty()) {
                point.put("ExtendedStatistics", new Struct.ValueMap(percentiles));
            }
            datapoints.add(point);
        });
        return new Struct().put("Label", key.metricName()).put("Datapoints", datapoints);
    }

    // ---- GetMetricData --------------------------------------------------------------------------------------

    private Struct getMetricData(MetricsRequest r) {
        List<MetricsRequest> queries = r.structures("MetricDataQueries");
        if (queries.isEmpty()) {
            throw MetricsException.missing("MetricDataQueries");
        }
        if (queries.size() > MAX_QUERIES) {
            throw MetricsException.invalidValue("The collection MetricDataQueries must not have more than "
                    + MAX_QUERIES + " members.");
        }
        Instant start = r.requiredTimestamp("StartTime");
        Instant end = r.requiredTimestamp("EndTime");
        if (!start.isBefore(end)) {
            throw startNotBeforeEnd();
        }
        String scanBy = r.string("ScanBy");
        if (scanBy != null && !List.of("TimestampDescending", "TimestampAscending").contains(scanBy)) {
            throw MetricsException.invalidValue("The parameter ScanBy must be TimestampDescending or TimestampAscending.");
        }
        Integer maxDatapoints = r.integer("MaxDatapoints");
        int pageSize = maxDatapoints == null ? DEFAULT_MAX_DATAPOINTS : maxDatapoints;
        if (pageSize < 1) {
            throw MetricsException.invalidValue("The parameter MaxDatapoints must be greater than 0.");
        }

        Map<String, DataQuery> byId = new LinkedHashMap<>();
        for (MetricsRequest q : queries) {
            DataQuery query = DataQuery.read(q);
            if (byId.put(query.id(), query) != null) {
                throw MetricsException.invalidValue("The value " + query.id() + " for parameter " + q.name("Id")
                        + " is used more than once.");
            }
        }
        Map<String, NavigableMap<Long, Double>> results = new LinkedHashMap<>();
        for (DataQuery q : byId.values()) {
            evaluate(q, byId, results, start, end, new java.util.LinkedHashSet<>());
        }

        boolean ascending = "TimestampAscending".equals(scanBy);
        List<DataQuery> returned = byId.values().stream().filter(DataQuery::returnData).toList();
        int total = returned.stream().mapToInt(q -> results.get(q.id()).size()).sum();
        int offset = offset(r.string("NextToken"), total);
        int left = pageSize;
        int skipped = 0;
        List<Struct> out = new ArrayList<>();
        for (DataQuery q : returned) {
            List<Map.Entry<Long, Double>> points = new ArrayList<>(
                    (ascending ? results.get(q.id()) : results.get(q.id()).descendingMap()).entrySet());
            int from = Math.max(0, Math.min(points.size(), offset - skipped));
            int to = Math.min(points.size(), from + left);
            skipped += points.size();
            left -= to - from;
            List<Instant> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            points.subList(from, to).forEach(p -> {
                timestamps.add(Instant.ofEpochMilli(p.getKey()));
                values.add(p.getValue());
            });
            out.add(new Struct().put("Id", q.id()).put("Label", q.label()).put("Timestamps", timestamps)
                    .put("Values", values).put("StatusCode", "Complete"));
        }
        int next = offset + pageSize;
        return new Struct().put("MetricDataResults", out).put("NextToken", next < total ? token(next) : null)
                .put("Messages", List.of());
    }

    /** One {@code MetricDataQuery}: a metric stat or an expression. */
    private record DataQuery(String id, String label, boolean returnData, MetricKey key, String unit, Statistic stat,
                             int period, MetricMath.Node expression) {

        static DataQuery read(MetricsRequest q) {
            String id = q.requiredString("Id");
            if (!id.matches("[a-z][a-zA-Z0-9_]*")) {
                throw MetricsException.invalidValue("The value " + id + " for parameter " + q.name("Id")
                        + " is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.");
            }
            MetricsRequest stat = q.structure("MetricStat");
            String expression = q.string("Expression");
            if ((stat == null) == (expression == null)) {
                throw MetricsException.invalidCombination("The parameter " + q.path()
                        + " must contain either Expression or MetricStat but not both.");
            }
            boolean returnData = !Boolean.FALSE.equals(q.bool("ReturnData"));
            String label = q.string("Label");
            if (expression != null) {
                return new DataQuery(id, label != null ? label : id, returnData, null, null, null, 0,
                        MetricMath.parse(expression, id));
            }
            MetricsRequest metric = stat.structure("Metric");
            if (metric == null) {
                throw MetricsException.missing(stat.name("Metric"));
            }
            MetricKey key = MetricKey.of(metric.requiredString("Namespace"), metric.requiredString("MetricName"),
                    dimensions(metric));
            String statName = stat.requiredString("Stat");
            Statistic statistic = Statistic.parse(statName);
            if (statistic == null) {
                throw MetricsException.invalidValue("The parameter " + stat.name("Stat") + " must be one of "
                        + String.join(", ", Statistic.BASIC) + " or a percentile such as p99 (the local stage serves"
                        + " no other statistics); got " + statName + ".");
            }
            int period = stat.requiredInteger("Period");
            checkedPeriod(period, stat.name("Period"));
            return new DataQuery(id, label != null ? label : key.metricName(), returnData, key, stat.string("Unit"),
                    statistic, period, null);
        }
    }

    private void evaluate(DataQuery q, Map<String, DataQuery> byId, Map<String, NavigableMap<Long, Double>> results,
                          Instant start, Instant end, Set<String> visiting) {
        if (results.containsKey(q.id())) {
            return;
        }
        if (!visiting.add(q.id())) {
            throw MetricsException.invalidValue("Error in expression '" + q.id() + "': it refers to itself through "
                    + String.join(" → ", visiting) + ".");
        }
        if (q.expression() == null) {
            long from = alignedStart(start, q.period());
            NavigableMap<Long, Double> values = new TreeMap<>();
            store.aggregate(q.key(), q.unit(), from, end.toEpochMilli(), q.period() * 1000L)
                    .forEach((t, v) -> values.put(t, q.stat().of(v)));
            results.put(q.id(), values);
            return;
        }
        for (String ref : MetricMath.references(q.expression())) {
            DataQuery other = byId.get(ref);
            if (other == null) {
                throw MetricsException.invalidValue("Error in expression '" + q.id() + "': unknown id " + ref + ".");
            }
            evaluate(other, byId, results, start, end, visiting);
        }
        MetricMath.Value value = MetricMath.evaluate(q.expression(), results::get);
        if (value.series() == null) {
            throw MetricsException.invalidValue("Error in expression '" + q.id()
                    + "': it gives a single number; the local stage serves expressions that give a time series.");
        }
        results.put(q.id(), value.series());
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    private static Map<String, String> dimensions(MetricsRequest r) {
        List<MetricsRequest> list = r.structures("Dimensions");
        if (list.size() > 30) {
            throw MetricsException.invalidValue("The collection " + r.name("Dimensions")
                    + " must not have more than 30 members.");
        }
        Map<String, String> dims = new LinkedHashMap<>();
        for (MetricsRequest d : list) {
            if (dims.put(d.requiredString("Name"), d.requiredString("Value")) != null) {
                throw MetricsException.invalidValue("The dimension " + d.string("Name") + " is given more than once in "
                        + r.name("Dimensions") + ".");
            }
        }
        return dims;
    }

    /** The period in ms; CloudWatch accepts 1, 5, 10, 20, 30 and multiples of 60 seconds (service model). */
    private static long checkedPeriod(int period, String member) {
        if (period < 1 || !(period % 60 == 0 || List.of(1, 5, 10, 20, 30).contains(period))) {
            throw MetricsException.invalidValue("The parameter " + member
                    + " must be 1, 5, 10, 20, 30 or a multiple of 60; got " + period + ".");
        }
        return period * 1000L;
    }

    /** The start rounded down to the minute (or, for periods under a minute, to the period), as CloudWatch does. */
    private static long alignedStart(Instant start, int period) {
        long unit = period % 60 == 0 ? MINUTE : period * 1000L;
        return Math.floorDiv(start.toEpochMilli(), unit) * unit;
    }

    private static void checkWindow(long from, long end, long periodMillis, int limit) {
        if (from >= end) {
            throw startNotBeforeEnd();
        }
        long requested = (end - from + periodMillis - 1) / periodMillis;
        if (requested > limit) {
            throw MetricsException.invalidCombination("You have requested up to " + requested + " datapoints, which "
                    + "exceeds the limit of " + limit + ". You may reduce the datapoints requested by increasing Period, "
                    + "or decreasing the time range.");
        }
    }

    private static MetricsException startNotBeforeEnd() {
        return MetricsException.invalidValue("The parameter StartTime must be less than the parameter EndTime.");
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a {@code NextToken} of ours stands for (0 without a token). */
    private static int offset(String token, int size) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int offset = Integer.parseInt(text.substring(2));
            if (!text.startsWith("o:") || offset < 0 || offset > size) {
                throw MetricsException.invalidNextToken();
            }
            return offset;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw MetricsException.invalidNextToken();
        }
    }
}
