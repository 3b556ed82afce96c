package dev.turnstile.conformance.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.turnstile.conformance.clock.StageClockClient;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.stage.profile.StageProfile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageHttpClientTest {

    @TempDir
    Path runs;
    private HttpServer server;
    private final AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>();
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/Prod/items", exchange -> {
            seen.set(Map.copyOf(exchange.getRequestHeaders()));
            byte[] body = "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555");
            exchange.getResponseHeaders().add("x-amz-apigw-id", "N7Sb5GwpDoEEf9A=");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ForbiddenException");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/_turnstile/clock", exchange -> {
            byte[] body = "{\"epochMillis\":4102444800000,\"iso\":\"2100-01-01T00:00:00Z\",\"frozen\":true}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private StageProfile profile(Map<String, String> endpoints) {
        return new StageProfile("local", "us-east-1", base + "/Prod/", "api", "Prod", endpoints, "t", null, Map.of(),
                List.of(), List.of(), List.of(), null);
    }

    @Test
    void everyExchangeIsSentWithTheRunIdAndRecordedInTheLedger() throws Exception {
        try (Ledger ledger = Ledger.open(runs, "run-h")) {
            StageHttpClient client = new StageHttpClient(profile(Map.of()), ledger);
            StageRequest request = StageRequest.to("POST", "/items").query("tenant=a").json("{}")
                    .apiKeyValue("abcdefghijklmnopqrstWXYZ", null).token("allow").scenario("case-1").build();
            StageResponse response = client.send(request);

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorType()).isEqualTo("ForbiddenException");
            assertThat(response.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
            assertThat(seen.get().get("X-turnstile-run-id")).containsExactly("run-h");
            assertThat(seen.get().get("X-api-key")).containsExactly("abcdefghijklmnopqrstWXYZ");
            assertThat(seen.get().get("Authorizationtoken")).containsExactly("allow");
            LedgerEntry entry = response.entry();
            assertThat(entry).isEqualTo(new LedgerEntry("run-h", "11111111-2222-3333-4444-555555555555",
                    "N7Sb5GwpDoEEf9A=", "POST /items", null, "allow", 403, "ForbiddenException", entry.latencyMs(), entry.timeMs(), 0, "case-1"));
            assertThat(Ledger.read(ledger.file())).containsExactly(entry);
            assertThat(request.toString()).doesNotContain("abcdefghijklmnopqrst").contains("**********WXYZ");
        }
    }

    @Test
    void anUnreachableStageIsRecordedWithStatusZeroAndThrown() throws Exception {
        server.stop(0);
        try (Ledger ledger = Ledger.open(runs, "run-u")) {
            StageHttpClient client = new StageHttpClient(profile(Map.of()), ledger);
            assertThatThrownBy(() -> client.send(StageRequest.to("GET", "/items").build()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("stage unreachable for StageRequest[GET /items");
            assertThat(ledger.entries()).singleElement().satisfies(e -> {
                assertThat(e.status()).isZero();
                assertThat(e.requestId()).isNull();
                assertThat(e.joinId()).isNull();
                assertThat(e.tokenClass()).isEqualTo("missing");
            });
            assertThat(Files.readAllLines(ledger.file())).hasSize(1);
        }
    }

    @Test
    void theClockClientReadsTheAdminPathAndFeedsTheTimeline() {
        StageTimeline timeline = new StageTimeline();
        StageClockClient clock = new StageClockClient(profile(Map.of("admin", base)), StageHttpClient.newHttpClient(),
                timeline);
        assertThat(clock.available()).isTrue();
        assertThat(clock.advance(Duration.ofMinutes(6)).epochMillis()).isEqualTo(4102444800000L);
        assertThat(timeline.stageTime(System.currentTimeMillis() + 10_000)).isEqualTo(4102444800000L);

        StageClockClient aws = new StageClockClient(profile(Map.of()), StageHttpClient.newHttpClient(), timeline);
        assertThat(aws.available()).isFalse();
        assertThatThrownBy(aws::read).hasMessageStartingWith("this stage has no controllable clock");
    }
}
