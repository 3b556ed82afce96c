package dev.turnstile.localstage.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The fields of an AWS Query request ({@code POST /} with an {@code application/x-www-form-urlencoded} body, or
 * {@code GET /?…}), decoded once per request and kept as a request attribute.
 *
 * <p>Why: a request body can be read once, and two faces of the services port speak AWS Query (CloudWatch,
 * {@code Version=2010-08-01}, and CloudFormation, {@code Version=2010-05-15}); the first to look must leave the
 * fields for the second.
 */
public final class FormBody {

    private static final String ATTRIBUTE = FormBody.class.getName();
    private static final String FORM = "application/x-www-form-urlencoded";

    private FormBody() {
    }

    /** Query-string and form fields of {@code request} (form fields win), in the order they came. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> fields(Request request) throws Exception {
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached != null) {
            return new LinkedHashMap<>((Map<String, String>) cached);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Request.extractQueryParameters(request, StandardCharsets.UTF_8).forEach(f -> fields.put(f.getName(), f.getValue()));
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if ("POST".equals(request.getMethod()) && contentType != null && contentType.startsWith(FORM)) {
            Fields form = new Fields();
            UrlEncoded.decodeUtf8To(Content.Source.asString(request, StandardCharsets.UTF_8), form);
            form.forEach(f -> fields.put(f.getName(), f.getValue()));
        }
        request.setAttribute(ATTRIBUTE, new LinkedHashMap<>(fields));
        return fields;
    }
}
