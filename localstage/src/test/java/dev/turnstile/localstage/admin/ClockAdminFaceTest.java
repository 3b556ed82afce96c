package dev.turnstile.localstage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import dev.turnstile.localstage.time.StageClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The clock admin face over HTTP: reads, changes, and refuses what would wrap or leave the calendar. */
class ClockAdminFaceTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private final StageClock clock = StageClock.frozenAt(START);
    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackServer server;

    @BeforeEach
    void start() {
        server = LoopbackServer.start("clock", "127.0.0.1", 0, 8,
                ListenerLimits.services(Duration.ofSeconds(5), Duration.ofSeconds(5)), new ClockAdminFace(clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + ClockAdminFace.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void advanceAndSetMoveTheClock() throws Exception {
        HttpResponse<String> r = post("{\"advanceMillis\":60000}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"epochMillis\":1795600860000,\"iso\":\"2026-11-25T10:01:00Z\",\"frozen\":true}");
        assertThat(post("{\"setEpochMillis\":253402300799999}").body())
                .isEqualTo("{\"epochMillis\":253402300799999,\"iso\":\"9999-12-31T23:59:59.999Z\",\"frozen\":true}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"advanceMillis\":9223372036854775807}|advanceMillis 9223372036854775807 would move the clock past 9999-12-31T23:59:59.999Z",
            "{\"advanceMillis\":-1}|advanceMillis must be >= 0: the stage clock only moves forward",
            "{\"setEpochMillis\":-1}|setEpochMillis must be between 0 (1970-01-01T00:00:00Z) and 253402300799999 (9999-12-31T23:59:59.999Z), got -1",
            "{\"setEpochMillis\":253402300800000}|setEpochMillis must be between 0 (1970-01-01T00:00:00Z) and 253402300799999 (9999-12-31T23:59:59.999Z), got 253402300800000",
            "{\"setEpochMillis\":253402300799000,\"advanceMillis\":1000}|advanceMillis 1000 would move the clock past 9999-12-31T23:59:59.999Z",
            "{\"advanceMillis\":1000,\"freeze\":\"yes\"}|freeze must be true or false",
            "{\"advanceMillis\":1.5}|advanceMillis must be an integer number of milliseconds"})
    void whatWouldWrapOrLeaveTheCalendarIs400AndChangesNothing(String command, String message) throws Exception {
        HttpResponse<String> r = post(command);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"message\":\"" + message + "\"}");
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.isFrozen()).isTrue();
    }
}
