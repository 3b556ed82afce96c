package dev.turnstile.conformance.clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and moves the local stage's clock through {@code {endpoints.admin}/_turnstile/clock}. A deployed stage has no
 * such path: {@link #available()} is false and every other call fails with a clear error, so tests guard with
 * {@code Assumptions.assumeTrue(clock.available(), …)}.
 */
public final class StageClockClient {

    /** The admin path (it does not exist on AWS). */
    public static final String PATH = "/_turnstile/clock";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> uri;
    private final HttpClient http;
    private final StageTimeline timeline;

    public StageClockClient(StageProfile profile, HttpClient http, StageTimeline timeline) {
        this.uri = profile.endpoint("admin").map(base -> URI.create(stripSlash(base) + PATH));
        this.http = http;
        this.timeline = timeline;
    }

    /** Whether the stage exposes a controllable clock (local stages only). */
    public boolean available() {
        return uri.isPresent();
    }

    /** The current stage clock. */
    public ClockState read() {
        return exchange(HttpRequest.newBuilder(target()).GET());
    }

    /** Moves the stage clock forward by {@code by}. */
    public ClockState advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the stage clock only moves forward; got " + by);
        }
        return post(Map.of("advanceMillis", by.toMillis()));
    }

    /** Sets the stage clock to an instant. */
    public ClockState set(Instant instant) {
        return post(Map.of("setEpochMillis", instant.toEpochMilli()));
    }

    /** Freezes ({@code true}) or releases ({@code false}) the stage clock. */
    public ClockState freeze(boolean frozen) {
        return post(Map.of("freeze", frozen));
    }

    private ClockState post(Map<String, Object> body) {
        try {
            return exchange(HttpRequest.newBuilder(target())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ClockState exchange(HttpRequest.Builder request) {
        URI target = target();
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("stage clock " + target + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the stage clock", e);
        }
        long received = System.currentTimeMillis();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stage clock " + target + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        ClockState state;
        try {
            state = JSON.readValue(response.body(), ClockState.class);
        } catch (IOException e) {
            throw new IllegalStateException("stage clock " + target + " answered an unexpected body: "
                    + response.body(), e);
        }
        timeline.observe(received, state);
        return state;
    }

    private URI target() {
        return uri.orElseThrow(() -> new IllegalStateException(
                "this stage has no controllable clock (profile has no admin endpoint; AWS stages never do)"));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
