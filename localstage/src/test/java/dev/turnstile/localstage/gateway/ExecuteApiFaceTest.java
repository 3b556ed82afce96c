package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.http.ExecuteApiFace;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP adapter on a real Jetty server bound to 127.0.0.1, driven by java.net.http. */
class ExecuteApiFaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Fixture f = new Fixture();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        f.maxBodyBytes = 1024;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ExecuteApiFace(f.gateway(), f.maxBodyBytes));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheStageOverHttp() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/Prod/items?x=1&x=2"))
                .header("Authorization", "allow").header("x-api-key", Fixture.KEY).header("X-Custom-Header", "v")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(v -> assertThat(RequestIds.isUuid(v)).isTrue());
        assertThat(r.headers().firstValue("x-amz-apigw-id")).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Content-Length")).hasValue("11");

        JsonNode event = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(event.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(event.path("headers").path("X-Custom-Header").asText()).isEqualTo("v");
        assertThat(event.path("multiValueQueryStringParameters").path("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(event.path("requestContext").path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("requestContext").path("protocol").asText()).isEqualTo("HTTP/1.1");

        // same client, same keep-alive connection: a second request is served too
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/Prod/items/5"))).statusCode()).isEqualTo(201);
    }

    @Test
    void nonStagePathIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/favicon.ico")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(r.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void oversizedBodiesAre413WithAndWithoutContentLength() throws Exception {
        byte[] big = new byte[4096];
        HttpResponse<String> declared = send(HttpRequest.newBuilder(URI.create(base + "/Prod/proxy/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestTooLargeException");
        assertThat(declared.body()).isEqualTo("{\"message\":\"Request Too Large\"}");

        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(base + "/Prod/proxy/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(chunked.statusCode()).isEqualTo(413);

        HttpResponse<String> fits = send(HttpRequest.newBuilder(URI.create(base + "/Prod/proxy/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])));
        assertThat(fits.statusCode()).isEqualTo(201);
        assertThat(f.invoker.count("Writer")).isEqualTo(1);
    }
}
