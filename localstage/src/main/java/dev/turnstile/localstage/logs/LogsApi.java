package dev.turnstile.localstage.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The CloudWatch Logs operations over JSON 1.1 bodies: validation and error texts as AWS sends them
 * (the CloudWatch Logs API reference), then one {@link LogStore} call, then the response shape of the botocore model.
 */
public final class LogsApi {

    /** The values PutRetentionPolicy accepts. */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD = 26;
    static final int MAX_BATCH_EVENTS = 10_000;
    static final long TOO_NEW_MILLIS = 2L * 60 * 60 * 1000;
    static final long TOO_OLD_MILLIS = 14L * 24 * 60 * 60 * 1000;
    static final long MAX_SPAN_MILLIS = 24L * 60 * 60 * 1000;
    /** GetLogEvents and FilterLogEvents stop a page at 1 MB of messages, as AWS does. */
    static final int MAX_PAGE_BYTES = 1_048_576;

    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");
    private static final Set<String> GROUP_CLASSES = Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogStore store;
    private final String region;
    private final String accountId;

    public LogsApi(LogStore store, String region, String accountId) {
        this.store = store;
        this.region = region;
        this.accountId = accountId;
    }

    /** Runs one operation; throws {@link LogsException} for every AWS error. */
    public ObjectNode invoke(String operation, String body) {
        LogsRequest request = new LogsRequest(parse(body));
        return switch (operation) {
            case "CreateLogGroup" -> createLogGroup(request);
            case "CreateLogStream" -> createLogStream(request);
            case "DeleteLogGroup" -> deleteLogGroup(request);
            case "DeleteLogStream" -> deleteLogStream(request);
            case "PutRetentionPolicy" -> putRetentionPolicy(request);
            case "DeleteRetentionPolicy" -> deleteRetentionPolicy(request);
            case "PutLogEvents" -> putLogEvents(request);
            case "DescribeLogGroups" -> describeLogGroups(request);
            case "DescribeLogStreams" -> describeLogStreams(request);
            case "GetLogEvents" -> getLogEvents(request);
            case "FilterLogEvents" -> filterLogEvents(request);
            default -> throw new LogsException("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new LogsException("SerializationException", "The request body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new LogsException("SerializationException", "The request body is not valid JSON");
        }
    }

    // ---- groups and streams ----

    private ObjectNode createLogGroup(LogsRequest request) {
        String name = groupName(request.requiredString("logGroupName"), "logGroupName");
        String logGroupClass = request.string("logGroupClass");
        if (logGroupClass != null && !GROUP_CLASSES.contains(logGroupClass)) {
            throw LogsException.validation("'" + logGroupClass + "'", "logGroupClass",
                    "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
        }
        store.createLogGroup(name, logGroupClass);
        return JSON.createObjectNode();
    }

    private ObjectNode createLogStream(LogsRequest request) {
        String group = groupName(request.requiredString("logGroupName"), "logGroupName");
        String stream = streamName(request.requiredString("logStreamName"), "logStreamName");
        store.createLogStream(group, stream);
        return JSON.createObjectNode();
    }

    private ObjectNode deleteLogGroup(LogsRequest request) {
        store.deleteLogGroup(groupName(request.requiredString("logGroupName"), "logGroupName"));
        return JSON.createObjectNode();
    }

    private ObjectNode deleteLogStream(LogsRequest request) {
        String group = groupName(request.requiredString("logGroupName"), "logGroupName");
        store.deleteLogStream(group, streamName(request.requiredString("logStreamName"), "logStreamName"));
        return JSON.createObjectNode();
    }

    private ObjectNode putRetentionPolicy(LogsRequest request) {
        String group = groupName(request.requiredString("logGroupName"), "logGroupName");
        Integer days = request.intValue("retentionInDays");
        if (days == null) {
            throw LogsException.validation("null", "retentionInDays", "Member must not be null");
        }
        if (!RETENTION_DAYS.contains(days)) {
            throw LogsException.validation("'" + days + "'", "retentionInDays",
                    "Member must satisfy enum value set: " + RETENTION_DAYS);
        }
        store.putRetentionPolicy(group, days);
        return JSON.createObjectNode();
    }

    private ObjectNode deleteRetentionPolicy(LogsRequest request) {
        store.deleteRetentionPolicy(groupName(request.requiredString("logGroupName"), "logGroupName"));
        return JSON.createObjectNode();
    }

    // ---- PutLogEvents ----

    private ObjectNode putLogEvents(LogsRequest request) {
        String group = groupName(request.requiredString("logGroupName"), "logGroupName");
        String stream = streamName(request.requiredString("logStreamName"), "logStreamName");
        List<LogEvent> events = inputEvents(request);
        long now = store.clock().millis();
        int tooOldEnd = countBefore(events, now - TOO_OLD_MILLIS);
        Integer retention = store.logGroup(group).orElseThrow(LogsException::groupNotFound).retentionInDays();
        int expiredEnd = retention == null ? 0 : countBefore(events, now - retention * 86_400_000L);
        int tooNewStart = countBefore(events, now + TOO_NEW_MILLIS + 1);
        int acceptedFrom = Math.max(tooOldEnd, expiredEnd);
        List<LogEvent> accepted = acceptedFrom < tooNewStart ? events.subList(acceptedFrom, tooNewStart) : List.of();
        store.appendLogEvents(group, stream, accepted);

        ObjectNode response = JSON.createObjectNode();
        response.put("nextSequenceToken", new EventPosition(now, events.size()).encode());
        if (tooOldEnd > 0 || expiredEnd > 0 || tooNewStart < events.size()) {
            ObjectNode rejected = response.putObject("rejectedLogEventsInfo");
            if (tooNewStart < events.size()) {
                rejected.put("tooNewLogEventStartIndex", tooNewStart);
            }
            if (tooOldEnd > 0) {
                rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            }
            if (expiredEnd > 0) {
                rejected.put("expiredLogEventEndIndex", expiredEnd);
            }
        }
        return response;
    }

    /** The batch, validated: count, per-event members, size, chronological order, 24 h span. */
    private static List<LogEvent> inputEvents(LogsRequest request) {
        List<JsonNode> items = request.list("logEvents");
        if (items == null) {
            throw LogsException.validation("null", "logEvents", "Member must not be null");
        }
        if (items.isEmpty()) {
            throw LogsException.validation("'[]'", "logEvents", "Member must have length greater than or equal to 1");
        }
        if (items.size() > MAX_BATCH_EVENTS) {
            throw LogsException.validation("of " + items.size() + " events", "logEvents",
                    "Member must have length less than or equal to " + MAX_BATCH_EVENTS);
        }
        List<LogEvent> events = new ArrayList<>(items.size());
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String member = "logEvents." + (i + 1) + ".member";
            if (!item.isObject()) {
                throw LogsRequest.wrongType("logEvents", "a list of objects");
            }
            LogsRequest event = new LogsRequest((ObjectNode) item);
            Long timestamp = event.longValue("timestamp");
            if (timestamp == null) {
                throw LogsException.validation("null", member + ".timestamp", "Member must not be null");
            }
            String message = event.string("message");
            if (message == null) {
                throw LogsException.validation("null", member + ".message", "Member must not be null");
            }
            if (message.isEmpty()) {
                throw LogsException.validation("''", member + ".message",
                        "Member must have length greater than or equal to 1");
            }
            bytes += Utf8.length(message) + EVENT_OVERHEAD;
            events.add(new LogEvent(timestamp, message));
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw LogsException.invalidParameter(
                    "Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw LogsException.invalidParameter(
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (events.get(events.size() - 1).timestamp() - events.get(0).timestamp() > MAX_SPAN_MILLIS) {
            throw LogsException.invalidParameter(
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        return events;
    }

    /** Events are sorted, so the ones before a time form a prefix. */
    private static int countBefore(List<LogEvent> events, long time) {
        int count = 0;
        while (count < events.size() && events.get(count).timestamp() < time) {
            count++;
        }
        return count;
    }

    // ---- describe ----

    private ObjectNode describeLogGroups(LogsRequest request) {
        String prefix = request.string("logGroupNamePrefix");
        String pattern = request.string("logGroupNamePattern");
        if (prefix != null && pattern != null) {
            throw LogsException.invalidParameter(
                    "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        Integer limit = request.boundedInt("limit", 1, 50);
        String after = pageKey(request.string("nextToken"), "g");
        String needle = pattern == null ? null : pattern.toLowerCase(Locale.ROOT);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode groups = response.putArray("logGroups");
        int max = limit == null ? 50 : limit;
        String last = null;
        boolean more = false;
        for (LogGroupInfo group : store.logGroups()) {
            String name = group.logGroupName();
            if ((prefix != null && !name.startsWith(prefix))
                    || (needle != null && !name.toLowerCase(Locale.ROOT).contains(needle))
                    || (after != null && name.compareTo(after) <= 0)) {
                continue;
            }
            if (groups.size() == max) {
                more = true;
                break;
            }
            groups.add(groupJson(group));
            last = name;
        }
        if (more) {
            response.put("nextToken", pageToken("g", last));
        }
        return response;
    }

    private ObjectNode groupJson(LogGroupInfo group) {
        ObjectNode json = JSON.createObjectNode();
        String arn = "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + group.logGroupName();
        json.put("logGroupName", group.logGroupName());
        json.put("creationTime", group.creationTime());
        if (group.retentionInDays() != null) {
            json.put("retentionInDays", group.retentionInDays());
        }
        json.put("metricFilterCount", 0);
        json.put("arn", arn + ":*");
        json.put("storedBytes", group.storedBytes());
        json.put("logGroupClass", group.logGroupClass());
        json.put("logGroupArn", arn);
        json.put("deletionProtectionEnabled", false);
        return json;
    }

    private ObjectNode describeLogStreams(LogsRequest request) {
        String group = logGroup(request);
        String prefix = request.string("logStreamNamePrefix");
        String orderBy = request.string("orderBy");
        boolean byTime = "LastEventTime".equals(orderBy);
        if (orderBy != null && !byTime && !"LogStreamName".equals(orderBy)) {
            throw LogsException.validation("'" + orderBy + "'", "orderBy",
                    "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (byTime && prefix != null) {
            throw LogsException.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = Boolean.TRUE.equals(request.bool("descending"));
        Integer limit = request.boundedInt("limit", 1, 50);
        String after = pageKey(request.string("nextToken"), byTime ? "t" : "n");
        Function<LogStreamInfo, String> key = byTime
                // a stream without events sorts as the oldest; the 20-digit time prefix sorts as text
                ? s -> new EventPosition(s.lastEventTimestamp() == null ? Long.MIN_VALUE : s.lastEventTimestamp(), 0)
                        .encode().substring(0, 20) + "/" + s.logStreamName()
                : LogStreamInfo::logStreamName;
        Comparator<String> order = descending ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder();
        List<LogStreamInfo> streams = new ArrayList<>(store.logStreams(group));
        streams.removeIf(s -> prefix != null && !s.logStreamName().startsWith(prefix));
        streams.removeIf(s -> after != null && order.compare(key.apply(s), after) <= 0);
        streams.sort(Comparator.comparing(key, order));

        int max = limit == null ? 50 : limit;
        ObjectNode response = JSON.createObjectNode();
        ArrayNode array = response.putArray("logStreams");
        for (LogStreamInfo stream : streams.subList(0, Math.min(max, streams.size()))) {
            array.add(streamJson(group, stream));
        }
        if (streams.size() > max) {
            response.put("nextToken", pageToken(byTime ? "t" : "n", key.apply(streams.get(max - 1))));
        }
        return response;
    }

    private ObjectNode streamJson(String group, LogStreamInfo stream) {
        ObjectNode json = JSON.createObjectNode();
        json.put("logStreamName", stream.logStreamName());
        json.put("creationTime", stream.creationTime());
        if (stream.firstEventTimestamp() != null) {
            json.put("firstEventTimestamp", stream.firstEventTimestamp());
            json.put("lastEventTimestamp", stream.lastEventTimestamp());
            json.put("lastIngestionTime", stream.lastIngestionTime());
        }
        json.put("arn", "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + group + ":log-stream:"
                + stream.logStreamName());
        json.put("storedBytes", stream.storedBytes());
        return json;
    }

    // ---- GetLogEvents ----

    private ObjectNode getLogEvents(LogsRequest request) {
        String group = logGroup(request);
        String stream = streamName(request.requiredString("logStreamName"), "logStreamName");
        Long startTime = request.longValue("startTime");
        Long endTime = request.longValue("endTime");
        Integer limit = request.boundedInt("limit", 1, 10_000);
        String token = request.string("nextToken");
        boolean startFromHead = Boolean.TRUE.equals(request.bool("startFromHead"));

        EventPosition from = startTime == null ? EventPosition.FIRST : new EventPosition(startTime, 0);
        // GetLogEvents' endTime is exclusive
        EventPosition to = endTime == null ? new EventPosition(Long.MAX_VALUE, Long.MAX_VALUE)
                : new EventPosition(endTime, 0);
        boolean forward;
        EventPosition cursor;
        if (token == null) {
            forward = startFromHead;
            cursor = forward ? from : to;
        } else if (token.length() > 2 && (token.startsWith("f/") || token.startsWith("b/"))) {
            forward = token.charAt(0) == 'f';
            cursor = EventPosition.decode(token.substring(2));
        } else {
            throw LogsException.invalidNextToken();
        }
        int max = limit == null ? 10_000 : limit;
        List<StoredEvent> events = forward
                ? store.events(group, stream, max(cursor, from), to, max, true)
                : store.events(group, stream, from, min(cursor, to), max, false);
        events = capBytes(events, forward);

        ObjectNode response = JSON.createObjectNode();
        ArrayNode array = response.putArray("events");
        for (StoredEvent event : events) {
            ObjectNode json = array.addObject();
            json.put("timestamp", event.timestamp());
            json.put("message", event.message());
            json.put("ingestionTime", event.ingestionTime());
        }
        EventPosition forwardPosition;
        EventPosition backwardPosition;
        if (!events.isEmpty()) {
            forwardPosition = events.get(events.size() - 1).position().next();
            backwardPosition = events.get(0).position();
        } else if (forward || token != null) {
            forwardPosition = cursor;
            backwardPosition = cursor;
        } else {
            // nothing at all in range yet: a reader following the forward token must see the first event to come
            forwardPosition = from;
            backwardPosition = from;
        }
        response.put("nextForwardToken", "f/" + forwardPosition.encode());
        response.put("nextBackwardToken", "b/" + backwardPosition.encode());
        return response;
    }

    private static List<StoredEvent> capBytes(List<StoredEvent> events, boolean fromHead) {
        long bytes = 0;
        int n = events.size();
        for (int i = 0; i < n; i++) {
            StoredEvent event = events.get(fromHead ? i : n - 1 - i);
            bytes += Utf8.length(event.message()) + EVENT_OVERHEAD;
            if (bytes > MAX_PAGE_BYTES && i > 0) {
                return fromHead ? events.subList(0, i) : events.subList(n - i, n);
            }
        }
        return events;
    }

    // ---- FilterLogEvents ----

    private ObjectNode filterLogEvents(LogsRequest request) {
        String group = logGroup(request);
        List<String> names = request.strings("logStreamNames");
        String prefix = request.string("logStreamNamePrefix");
        if (names != null && prefix != null) {
            throw LogsException.invalidParameter(
                    "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        if (names != null && (names.isEmpty() || names.size() > 100)) {
            throw LogsException.validation("'" + names + "'", "logStreamNames", names.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 100");
        }
        Long startTime = request.longValue("startTime");
        Long endTime = request.longValue("endTime");
        Integer limit = request.boundedInt("limit", 1, 10_000);
        String patternText = request.string("filterPattern");
        if (patternText != null && patternText.length() > 1024) {
            throw LogsException.validation("'" + patternText + "'", "filterPattern",
                    "Member must have length less than or equal to 1024");
        }
        FilterPattern pattern = FilterPattern.parse(patternText);
        String token = request.string("nextToken");

        EventPosition from = startTime == null ? EventPosition.FIRST : new EventPosition(startTime, 0);
        if (token != null) {
            from = max(from, EventPosition.decode(pageKey(token, "e")));
        }
        // FilterLogEvents' endTime is inclusive
        EventPosition to = endTime == null || endTime == Long.MAX_VALUE
                ? new EventPosition(Long.MAX_VALUE, Long.MAX_VALUE) : new EventPosition(endTime + 1, 0);
        Set<String> selected = names == null ? null : new HashSet<>(names);
        Predicate<String> streams = name -> (selected == null || selected.contains(name))
                && (prefix == null || name.startsWith(prefix));
        Map<String, List<StoredEvent>> candidates = store.events(group, streams, from, to);

        int max = limit == null ? 10_000 : limit;
        ObjectNode response = JSON.createObjectNode();
        ArrayNode array = response.putArray("events");
        PriorityQueue<Cursor> merge = new PriorityQueue<>();
        candidates.forEach((name, events) -> {
            if (!events.isEmpty()) {
                merge.add(new Cursor(name, events));
            }
        });
        long bytes = 0;
        StoredEvent last = null;
        boolean more = false;
        while (!merge.isEmpty()) {
            Cursor cursor = merge.poll();
            StoredEvent event = cursor.current();
            if (pattern.matches(event.message())) {
                long size = Utf8.length(event.message()) + EVENT_OVERHEAD;
                if (array.size() == max || (bytes + size > MAX_PAGE_BYTES && array.size() > 0)) {
                    more = true;
                    break;
                }
                bytes += size;
                ObjectNode json = array.addObject();
                json.put("logStreamName", cursor.stream);
                json.put("timestamp", event.timestamp());
                json.put("message", event.message());
                json.put("ingestionTime", event.ingestionTime());
                json.put("eventId", event.position().encode());
                last = event;
            }
            if (cursor.advance()) {
                merge.add(cursor);
            }
        }
        ArrayNode searched = response.putArray("searchedLogStreams");
        for (String name : candidates.keySet()) {
            searched.addObject().put("logStreamName", name).put("searchedCompletely", !more);
        }
        if (more) {
            response.put("nextToken", pageToken("e", last.position().next().encode()));
        }
        return response;
    }

    /** One stream's candidate events in a k-way merge ordered by (timestamp, sequence). */
    private static final class Cursor implements Comparable<Cursor> {
        final String stream;
        final List<StoredEvent> events;
        int index;

        Cursor(String stream, List<StoredEvent> events) {
            this.stream = stream;
            this.events = events;
        }

        StoredEvent current() {
            return events.get(index);
        }

        boolean advance() {
            return ++index < events.size();
        }

        @Override
        public int compareTo(Cursor other) {
            return current().position().compareTo(other.current().position());
        }
    }

    // ---- shared validation ----

    /** The group named by logGroupName or logGroupIdentifier (a name or an ARN). */
    private String logGroup(LogsRequest request) {
        String name = request.string("logGroupName");
        String identifier = request.string("logGroupIdentifier");
        if (name != null && identifier != null) {
            throw new LogsException("ValidationException",
                    "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (name != null) {
            return groupName(name, "logGroupName");
        }
        if (identifier == null) {
            throw LogsException.invalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
        }
        String marker = ":log-group:";
        if (identifier.startsWith("arn:")) {
            int at = identifier.indexOf(marker);
            if (at < 0) {
                throw LogsException.invalidParameter("Invalid logGroupIdentifier: " + identifier);
            }
            String rest = identifier.substring(at + marker.length());
            identifier = rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
        }
        return groupName(identifier, "logGroupIdentifier");
    }

    private static String groupName(String name, String member) {
        checkLength(name, member);
        if (!GROUP_NAME.matcher(name).matches()) {
            throw LogsException.validation("'" + name + "'", member,
                    "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    private static String streamName(String name, String member) {
        checkLength(name, member);
        if (!STREAM_NAME.matcher(name).matches()) {
            throw LogsException.validation("'" + name + "'", member,
                    "Member must satisfy regular expression pattern: [^:*]*");
        }
        return name;
    }

    private static void checkLength(String name, String member) {
        if (name.isEmpty()) {
            throw LogsException.validation("''", member, "Member must have length greater than or equal to 1");
        }
        if (name.length() > 512) {
            throw LogsException.invalidParameter(
                    "Invalid LogGroup or LogStream, both must have length less than or equal to 512.");
        }
    }

    /** Page tokens of the Describe and Filter operations: opaque base64url of "kind/key". */
    private static String pageToken(String kind, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "/" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String pageKey(String token, String kind) {
        if (token == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + "/") && decoded.length() > kind.length() + 1) {
                return decoded.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below with AWS's error
        }
        throw LogsException.invalidNextToken();
    }

    private static EventPosition max(EventPosition a, EventPosition b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static EventPosition min(EventPosition a, EventPosition b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
