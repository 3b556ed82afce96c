package dev.turnstile.stage.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.turnstile.stage.profile.StageProfile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Op;

class StageClientsTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            headers.add(exchange.getRequestHeaders().getFirst("smithy-protocol") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = "{\"id\":\"key1\",\"enabled\":false}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void apiGatewayPatchOperationsAreSentAsPatch() {
        try (StageClients clients = new StageClients(profileWith("apigateway"))) {
            clients.apiGateway().updateApiKey(r -> r.apiKey("key1")
                    .patchOperations(p -> p.op(Op.REPLACE).path("/enabled").value("false")));
        }
        assertThat(requests).containsExactly(
                "PATCH /apikeys/key1 {\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/enabled\",\"value\":\"false\"}]}");
    }

    @Test
    void cloudWatchGoesToItsEndpointInSmithyRpcV2Cbor() {
        // the SDK v2 2.57 CloudWatch client speaks CBOR, not JSON 1.0: the local face must serve it (docs/aws-behaviour.md §8.2)
        try (StageClients clients = new StageClients(profileWith("cloudwatch"))) {
            assertThatThrownBy(() -> clients.cloudWatch().listMetrics(r -> r.namespace("AWS/ApiGateway")))
                    .as("this test server answers JSON, which the CBOR client refuses").isInstanceOf(RuntimeException.class);
        }
        assertThat(requests).first().asString()
                .startsWith("POST /service/GraniteServiceVersion20100801/operation/ListMetrics ");
        assertThat(headers).first().isEqualTo("rpc-v2-cbor application/cbor");
    }

    /** A local profile whose {@code service} endpoint is this test's server. */
    private StageProfile profileWith(String service) {
        return new StageProfile("local", "us-east-1", "http://127.0.0.1:1/Prod/", "api", "Prod",
                Map.of(service, "http://127.0.0.1:" + server.getAddress().getPort()), "t", null, Map.of(),
                List.of(), List.of(), List.of(), null);
    }

    @Test
    void noNettyClientIsOnTheClasspath() {
        // the SDK would pick netty for async clients and the suite must stay on one small blocking client
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.apache.ApacheHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
