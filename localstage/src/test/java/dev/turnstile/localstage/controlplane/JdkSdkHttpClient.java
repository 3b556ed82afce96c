package dev.turnstile.localstage.controlplane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client over {@code java.net.http}: the url-connection client cannot send PATCH (UpdateApiKey,
 * UpdateUsage) and the Apache clients are not among this module's dependencies.
 */
public final class JdkSdkHttpClient implements SdkHttpClient {

    /** Headers {@code java.net.http} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = request.contentStreamProvider().isPresent()
                        ? request.contentStreamProvider().get().newStream().readAllBytes() : new byte[0];
                HttpRequest.Builder b = HttpRequest.newBuilder(request.httpRequest().getUri())
                        .method(request.httpRequest().method().name(), body.length == 0
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                request.httpRequest().forEachHeader((name, values) -> {
                    if (!RESTRICTED.contains(name.toLowerCase())) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
                HttpResponse<byte[]> response;
                try {
                    response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
                Map<String, List<String>> headers = response.headers().map();
                InputStream in = new ByteArrayInputStream(response.body());
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(response.statusCode()).headers(headers).build())
                        .responseBody(AbortableInputStream.create(in))
                        .build();
            }

            @Override
            public void abort() {
                // requests are synchronous and short; nothing to cancel
            }
        };
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close; its threads are daemons
    }
}
