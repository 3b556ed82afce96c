package dev.turnstile.conformance.http;

import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * HTTP/1.1 keep-alive client for a stage's invoke URL. Every exchange — answered or not — becomes one
 * {@link LedgerEntry} in the run's {@link Ledger}; the run id travels as header {@code x-turnstile-run-id} so the
 * writer stores it on the item.
 */
public final class StageHttpClient {

    /** Header carrying the run id to the writer function. */
    public static final String RUN_ID_HEADER = "x-turnstile-run-id";

    /** Headers java.net.http refuses to set; asking for them is a programming error worth a clear message. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final String invokeUrl;
    private final Ledger ledger;
    private final HttpClient http;
    private final Duration timeout;
    private final int injector;

    public StageHttpClient(StageProfile profile, Ledger ledger) {
        this(profile, ledger, newHttpClient(), Duration.ofSeconds(35), 0);
    }

    /** @param timeout per request; above API Gateway's 29 s integration timeout so the gateway's 504 is seen */
    public StageHttpClient(StageProfile profile, Ledger ledger, HttpClient http, Duration timeout, int injector) {
        String url = profile.invokeUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("stage profile has no invokeUrl: " + profile);
        }
        this.invokeUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.ledger = ledger;
        this.http = http;
        this.timeout = timeout;
        this.injector = injector;
    }

    /** An HTTP/1.1 client (keep-alive is java.net.http's default). */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Ledger ledger() {
        return ledger;
    }

    /**
     * Sends a request and records it. A stage that cannot be reached is recorded with status 0 and then reported as
     * an {@link java.io.UncheckedIOException}: a conformance test must never mistake it for an answer.
     */
    public StageResponse send(StageRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request)).timeout(timeout);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (RESTRICTED.contains(header.getKey().toLowerCase())) {
                throw new IllegalArgumentException("header " + header.getKey() + " cannot be set by the client");
            }
            builder.header(header.getKey(), header.getValue());
        }
        if (request.apiKeyValue() != null) {
            builder.header("x-api-key", request.apiKeyValue());
        }
        if (request.token() != null) {
            builder.header(StageRequest.TOKEN_HEADER, request.token());
        }
        builder.header(RUN_ID_HEADER, ledger.runId());
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));

        long sent = System.currentTimeMillis();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            long latency = (System.nanoTime() - start) / 1_000_000;
            StageResponse partial = new StageResponse(response.statusCode(), response.headers().map(), response.body(),
                    null);
            LedgerEntry entry = entry(request, partial.requestId(), partial.extendedRequestId(), response.statusCode(),
                    partial.errorType(), latency, sent);
            ledger.append(entry);
            return new StageResponse(partial.status(), partial.headers(), partial.body(), entry);
        } catch (IOException e) {
            ledger.append(entry(request, null, null, 0, null, (System.nanoTime() - start) / 1_000_000, sent));
            throw new java.io.UncheckedIOException("stage unreachable for " + request + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ledger.append(entry(request, null, null, 0, null, (System.nanoTime() - start) / 1_000_000, sent));
            throw new IllegalStateException("interrupted while sending " + request, e);
        }
    }

    private LedgerEntry entry(StageRequest request, String requestId, String extendedRequestId, int status,
                              String errorType, long latency, long sent) {
        return new LedgerEntry(ledger.runId(), requestId, extendedRequestId, request.route(), request.apiKeyId(), request.tokenClass(),
                status, errorType, latency, sent, injector, request.scenario());
    }

    private URI uri(StageRequest request) {
        return URI.create(invokeUrl + request.path() + (request.query() == null ? "" : "?" + request.query()));
    }
}
