package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.http.ExecuteApiFace;
import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths with empty, encoded and dot segments sent byte for byte (a raw socket: HTTP clients normalise paths) to the
 * execute-api face on the stage's own server ({@link LoopbackServer}): the gateway answers every one of them as API
 * Gateway does (docs/aws-behaviour.md §2.1, §12), never the HTTP server's HTML 400 page.
 */
class PathsOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING = "{\"message\":\"Missing Authentication Token\"}";

    /** One raw HTTP/1.1 response: status line, headers in order, body. */
    record RawResponse(String statusLine, List<String[]> headers, String body) {

        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        List<String> headerNames() {
            return headers.stream().map(h -> h[0].toLowerCase(Locale.ROOT)).sorted().toList();
        }
    }

    private final Fixture f = new Fixture();
    private LoopbackServer server;

    @BeforeEach
    void start() {
        server = LoopbackServer.start("paths-test", "127.0.0.1", 0, 8, ListenerLimits.gateway(f.maxBodyBytes,
                ListenerLimits.DEFAULT_BODY_READ_TIMEOUT, ListenerLimits.DEFAULT_IDLE_TIMEOUT),
                new ExecuteApiFace(f.gateway(), f.maxBodyBytes));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawResponse get(String rawTarget) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()});
            }
            return new RawResponse(lines[0], headers, raw.substring(end + 4));
        }
    }

    private static void assertMissingAuthenticationToken(RawResponse r) {
        assertThat(r.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(r.body()).isEqualTo(MISSING);
        assertThat(r.headerNames()).containsExactly("connection", "content-length", "content-type", "date",
                "x-amz-apigw-id", "x-amzn-errortype", "x-amzn-requestid");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Content-Length")).isEqualTo("42");
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(RequestIds.isUuid(r.header("x-amzn-RequestId"))).isTrue();
    }

    private JsonNode servedEvent(RawResponse r) throws IOException {
        assertThat(r.statusLine()).isEqualTo("HTTP/1.1 201 Created");
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        return JSON.readTree(f.invoker.lastEvent("Writer"));
    }

    @Test
    void slashesAfterTheStageCollapseForRoutingAndStayInContextPath() throws IOException {
        JsonNode event = servedEvent(get("/Prod//items/7"));
        assertThat(event.path("path").asText()).isEqualTo("/items/7");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"id\":\"7\"}");
        assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/Prod//items/7");
    }

    @Test
    void slashesBeforeTheStageAreIgnored() throws IOException {
        JsonNode event = servedEvent(get("//Prod/items/7"));
        assertThat(event.path("path").asText()).isEqualTo("/items/7");
        assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/Prod/items/7");
    }

    @Test
    void aGreedyVariableReceivesEmptyAndEncodedSegmentsAsSent() throws IOException {
        JsonNode event = servedEvent(get("/Prod/proxy/a//b%2Fc/"));
        assertThat(event.path("resource").asText()).isEqualTo("/proxy/{proxy+}");
        assertThat(event.path("path").asText()).isEqualTo("/proxy/a//b%2Fc/");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"proxy\":\"a//b%2Fc\"}");
    }

    /**
     * An inner empty segment or an encoded slash matches no literal or parameter, dot segments are not resolved, and
     * a bare slash is on no stage: each is API Gateway's 403 (docs/aws-behaviour.md §2.1, §12), the function untouched.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/Prod/items//7", "/Prod/items%2F7", "/Prod/../Prod/items/7", "/Prod/./items/7",
            "/Prod/%2e%2e/items/7", "/", "//"})
    void answeredMissingAuthenticationToken(String rawTarget) throws IOException {
        assertMissingAuthenticationToken(get(rawTarget));
        assertThat(f.invoker.count("Writer")).isZero();
    }

    @Test
    void aBareSlashIsNotThisStagesRequest() throws IOException {
        get("/");
        assertThat(f.accessLines()).isEmpty();
    }

    @Test
    void whatTheHttpServerCannotParseIsAJson400() throws IOException {
        RawResponse r = get("/../Prod/items/7");
        assertThat(r.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"message\":\"Bad Request\"}");
        assertThat(r.header("Content-Length")).isEqualTo("25");
    }
}
