package dev.turnstile.localstage.cloudwatch;

import static dev.turnstile.localstage.server.QueryXml.element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.server.QueryXml;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The AWS Query protocol older clients send: form fields {@code Action=<Operation>&Version=2010-08-01} (lists as
 * {@code Name.member.N}, nested members joined with dots, timestamps in ISO 8601), answered in XML in the
 * {@code http://monitoring.amazonaws.com/doc/2010-08-01/} namespace: {@code <OpResponse><OpResult>…</OpResult>
 * <ResponseMetadata><RequestId>…}, list items as {@code member}, map entries as {@code entry/key/value}, errors as
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>}.
 */
final class AwsQueryProtocol extends WireProtocol {

    /** The API version every CloudWatch Query request names. */
    static final String VERSION = "2010-08-01";
    /** The XML namespace of CloudWatch's Query responses (service model {@code xmlNamespace}). */
    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";


    private final String operation;
    private final Map<String, String> fields;

    /** {@code fields}: every form field but {@code Action} and {@code Version}. */
    AwsQueryProtocol(String operation, Map<String, String> fields) {
        this.operation = operation;
        this.fields = fields;
    }

    @Override
    String operation() {
        return operation;
    }

    @Override
    ObjectNode input() {
        Map<String, Object> root = new LinkedHashMap<>();
        fields.forEach((name, value) -> insert(root, name.split("\\.", -1), 0, value, name));
        return (ObjectNode) tree(root);
    }

    @Override
    String contentType() {
        return "text/xml";
    }

    /** The Query protocol names errors in the body only. */
    @Override
    void headers(org.eclipse.jetty.http.HttpFields.Mutable headers, MetricsException error) {
    }

    @Override
    byte[] output(Struct output, String requestId) {
        return QueryXml.document("CloudWatch", w -> {
            w.writeStartElement(operation + "Response");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement(operation + "Result");
            members(w, output);
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            element(w, "RequestId", requestId);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    @Override
    byte[] error(MetricsException error, String requestId) {
        return QueryXml.document("CloudWatch", w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("Error");
            element(w, "Type", error.code().faultType());
            element(w, "Code", error.code().queryCode());
            element(w, "Message", error.getMessage());
            w.writeEndElement();
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    // ---- request: form fields to the input tree ----------------------------------------------------------

    /** Puts {@code value} at the dotted path {@code parts[i..]}; lists are {@code Name.member.N}, kept by index. */
    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> into, String[] parts, int i, String value, String field) {
        String name = parts[i];
        if (name.isEmpty()) {
            throw MetricsException.malformed("The form field '" + field + "' is not a member path.");
        }
        boolean listItem = i + 2 < parts.length && "member".equals(parts[i + 1]) && parts[i + 2].matches("[1-9][0-9]{0,4}");
        if (i == parts.length - 1) {
            if (into.putIfAbsent(name, value) != null) {
                throw MetricsException.malformed("The form field '" + field + "' is given twice.");
            }
            return;
        }
        Object existing = into.get(name);
        if (listItem) {
            TreeMap<Integer, Object> list = existing instanceof TreeMap<?, ?> t ? (TreeMap<Integer, Object>) t
                    : conflict(into, name, existing, new TreeMap<Integer, Object>(), field);
            int index = Integer.parseInt(parts[i + 2]);
            if (i + 2 == parts.length - 1) {
                if (list.putIfAbsent(index, value) != null) {
                    throw MetricsException.malformed("The form field '" + field + "' is given twice.");
                }
                return;
            }
            Object item = list.get(index);
            Map<String, Object> child = item instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
            if (item != null && !(item instanceof Map<?, ?>)) {
                throw MetricsException.malformed("The form field '" + field + "' mixes a value and a structure.");
            }
            list.put(index, child);
            insert(child, parts, i + 3, value, field);
            return;
        }
        Map<String, Object> child = existing instanceof Map<?, ?> m ? (Map<String, Object>) m
                : conflict(into, name, existing, new LinkedHashMap<String, Object>(), field);
        insert(child, parts, i + 1, value, field);
    }

    /** Registers a new container under {@code name}, unless a value of another kind is already there. */
    private static <T> T conflict(Map<String, Object> into, String name, Object existing, T fresh, String field) {
        // an empty value (Dimensions=) is how Query sends an empty list; anything else is a clash of kinds
        if (existing != null && !"".equals(existing)) {
            throw MetricsException.malformed("The form field '" + field + "' mixes a value and a structure.");
        }
        into.put(name, fresh);
        return fresh;
    }

    private static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof TreeMap<?, ?> list) {
            ArrayNode array = nodes.arrayNode();
            list.values().forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set((String) k, tree(v)));
            return object;
        }
        return nodes.textNode((String) value);
    }

    // ---- response: a structure as XML ---------------------------------------------------------------------



    private static void members(XMLStreamWriter w, Struct s) throws XMLStreamException {
        for (Map.Entry<String, Object> m : s.members().entrySet()) {
            value(w, m.getKey(), m.getValue());
        }
    }

    private static void value(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value instanceof List<?> list && list.isEmpty()) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (value instanceof Struct s) {
            members(w, s);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                value(w, "member", item);
            }
        } else if (value instanceof Struct.ValueMap map) {
            for (Map.Entry<String, ?> e : map.entries().entrySet()) {
                w.writeStartElement("entry");
                value(w, "key", e.getKey());
                value(w, "value", e.getValue());
                w.writeEndElement();
            }
        } else if (value instanceof Instant t) {
            w.writeCharacters(DateTimeFormatter.ISO_INSTANT.format(t));
        } else {
            w.writeCharacters(String.valueOf(value));
        }
        w.writeEndElement();
    }

}
