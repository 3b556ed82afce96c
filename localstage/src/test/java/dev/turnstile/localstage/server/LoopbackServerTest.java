package dev.turnstile.localstage.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener's limits: header size, whole bodies read without a thread within a deadline, idle connections, errors. */
class LoopbackServerTest {

    /** A face that reads the body with a blocking call, as the stage's faces do, and echoes its length. */
    private final AtomicInteger blockedReads = new AtomicInteger();
    private final Handler echo = new Handler.Abstract(InvocationType.BLOCKING) {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!Request.getPathInContext(request).startsWith("/echo")) {
                return false;
            }
            blockedReads.incrementAndGet();
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            blockedReads.decrementAndGet();
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap(("{\"length\":" + body.length() + "}").getBytes(StandardCharsets.UTF_8)),
                    callback);
            return true;
        }
    };
    private final List<Socket> sockets = new ArrayList<>();
    private LoopbackServer server;

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private LoopbackServer start(int threads, ListenerLimits limits) {
        server = LoopbackServer.start("test", "127.0.0.1", 0, threads, limits, echo);
        return server;
    }

    private static ListenerLimits limits(long maxBody, BufferedBodyFace.Overflow overflow, Duration bodyDeadline,
                                         Duration idle) {
        return new ListenerLimits(ListenerLimits.TEN_KB, maxBody, overflow, bodyDeadline, idle);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    /** Sends raw bytes and reads the whole answer (the server closes or the read times out). */
    private String exchange(String raw) throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return readResponse(socket.getInputStream());
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        byte[] buffer = new byte[8192];
        int contentLength = -1;
        int headerEnd = -1;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                return out.toString();
            }
            out.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            if (headerEnd < 0 && (headerEnd = out.indexOf("\r\n\r\n")) >= 0) {
                String head = out.substring(0, headerEnd).toLowerCase();
                int at = head.indexOf("content-length: ");
                contentLength = at < 0 ? 0 : Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at) < 0
                        ? head.length() : head.indexOf("\r\n", at)).trim());
            }
            if (headerEnd >= 0 && out.length() >= headerEnd + 4 + contentLength) {
                return out.toString();
            }
        }
    }

    /** A GET whose request line and headers take exactly {@code total} bytes. */
    private static String requestOfSize(int total) {
        String start = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ";
        String end = "\r\n\r\n";
        return start + "p".repeat(total - start.length() - end.length()) + end;
    }

    @Test
    void requestLineAndHeadersUpTo10240BytesAreAcceptedAndOneMoreIs431Json() throws IOException {
        start(16, ListenerLimits.services(Duration.ofSeconds(5), Duration.ofSeconds(5)));

        assertThat(exchange(requestOfSize(10_240))).startsWith("HTTP/1.1 200 ").endsWith("{\"length\":0}");
        String refused = exchange(requestOfSize(10_241));
        assertThat(refused).startsWith("HTTP/1.1 431 ").contains("Content-Type: application/json")
                .endsWith("{\"message\":\"Request Header Fields Too Large\"}");
    }

    @Test
    void aBodyThatDoesNotArriveWithinTheDeadlineIs408AndTheConnectionIsClosed() throws IOException {
        start(16, limits(1024, BufferedBodyFace.Overflow.REFUSE, Duration.ofMillis(300), Duration.ofSeconds(30)));
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
        out.flush();

        long start = System.nanoTime();
        String answer = readResponse(socket.getInputStream());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                .endsWith("{\"message\":\"the request body did not arrive within 300 ms\"}");
        assertThat(tookMs).isBetween(200L, 5_000L);
        assertThat(socket.getInputStream().read()).as("closed after the 408").isEqualTo(-1);
        assertThat(blockedReads).hasValue(0);
    }

    @Test
    void slowBodiesHoldNoThreadWhileOtherClientsAreServed() throws Exception {
        // 8 threads, 60 clients each sending half a body and then nothing: none of them may occupy a thread
        start(8, limits(1024, BufferedBodyFace.Overflow.REFUSE, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        for (int i = 0; i < 60; i++) {
            OutputStream out = connect().getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"half\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.uri() + "/echo"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(blockedReads).hasValue(0);
    }

    @Test
    void chunkedAndExactLimitBodiesArriveWholeAndLargerOnesAreRefusedOrHandedOver() throws IOException {
        start(16, limits(16, BufferedBodyFace.Overflow.REFUSE, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3\r\n12}\r\n0\r\n\r\n")).endsWith("{\"length\":8}");
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 16\r\n\r\n" + "x".repeat(16)))
                .endsWith("{\"length\":16}");
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n" + "x".repeat(17)))
                .startsWith("HTTP/1.1 413 ").contains("Connection: close")
                .endsWith("{\"__type\":\"RequestEntityTooLargeException\",\"message\":\"Request must be smaller than 17 bytes\"}");
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n" + "x".repeat(17)
                + "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 413 ");
        server.close();

        // handed over: the face sees the limit + 1 bytes and decides itself
        start(16, limits(16, BufferedBodyFace.Overflow.HAND_OVER, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + "x".repeat(20)
                + "\r\n0\r\n\r\n")).endsWith("{\"length\":17}");
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        start(16, limits(1024, BufferedBodyFace.Overflow.REFUSE, Duration.ofSeconds(5), Duration.ofMillis(300)));
        Socket socket = connect();
        long start = System.nanoTime();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    @Test
    void jsonProtocolRequestsNoFaceServesAreUnknownOperationsAndOtherPathsA404() throws IOException {
        start(16, ListenerLimits.services(Duration.ofSeconds(5), Duration.ofSeconds(5)));

        String foreign = exchange("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(foreign).startsWith("HTTP/1.1 400 ").contains("x-amzn-ErrorType: UnknownOperationException",
                "Content-Type: application/x-amz-json-1.0").endsWith("{\"__type\":\"com.amazon.coral.service#"
                + "UnknownOperationException\",\"message\":\"no local-stage service serves the operation "
                + "DynamoDB_20120810.PutItem\"}");
        String missing = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        assertThat(missing).startsWith("HTTP/1.1 400 ").endsWith("{\"__type\":\"com.amazon.coral.service#"
                + "UnknownOperationException\",\"message\":\"the request has no X-Amz-Target header naming the operation\"}");
        assertThat(exchange("GET /nothing/%22here HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ")
                .endsWith("{\"message\":\"No local-stage service serves GET /nothing/%22here\"}");
    }

    @Test
    void unparseableRequestsGetAJson400() throws IOException {
        start(16, ListenerLimits.services(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ").endsWith("{\"message\":\"Bad Request\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> blockedReads.get() == 0);
    }
}
