package dev.turnstile.localstage.gateway.http;

import dev.turnstile.localstage.gateway.Gateway;
import dev.turnstile.localstage.gateway.GatewayRequest;
import dev.turnstile.localstage.gateway.GatewayResponse;
import dev.turnstile.localstage.gateway.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The execute-api face over HTTP (Jetty 12 core): adapts HTTP to {@link GatewayRequest} and back. It
 * answers every path — a path outside the stage gets API Gateway's 403 Missing Authentication Token — so
 * the other faces go in front of it. Bodies over the limit are refused with 413 after reading
 * at most limit + 1 bytes; the connection is then closed since the rest of the body is not read.
 */
public final class ExecuteApiFace extends Handler.Abstract {

    private final Gateway gateway;
    private final long maxBodyBytes;

    public ExecuteApiFace(Gateway gateway, long maxBodyBytes) {
        super(InvocationType.BLOCKING); // the gateway waits for Lambda on the calling thread
        this.gateway = gateway;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        Headers headers = Headers.create();
        for (HttpField field : request.getHeaders()) {
            headers.add(field.getName(), field.getValue());
        }
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        byte[] body;
        boolean tooLarge;
        if (declared > maxBodyBytes) {
            body = null;
            tooLarge = true;
        } else {
            body = readAtMost(request, maxBodyBytes + 1);
            tooLarge = body.length > maxBodyBytes;
            if (tooLarge) {
                body = null;
            }
        }
        GatewayRequest gatewayRequest = new GatewayRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, Request.getRemoteAddr(request),
                request.getConnectionMetaData().getProtocol(), tooLarge);
        GatewayResponse answer = gateway.handle(gatewayRequest);
        response.setStatus(answer.status());
        HttpFields.Mutable out = response.getHeaders();
        for (Headers.Field f : answer.headers().fields()) {
            out.add(f.name(), f.value());
        }
        out.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        if (tooLarge) {
            out.put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    /**
     * The first {@code limit} bytes of the body. Behind {@code BufferedBodyFace} the body is already in memory, so its
     * chunks are taken as they are; an {@code InputStream} over them with an 8 KiB copy buffer per request showed as
     * 8 % of the 429 path's CPU (bench/README.md, "The 429 path's profile"). A body that is not in memory yet (this
     * face used without the buffering one) is read the blocking way.
     */
    private static byte[] readAtMost(Request request, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(limit, Math.max(0, request.getLength())));
        while (out.size() < limit) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                readBlocking(request, limit, out);
                break;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw new IOException("the request body could not be read", chunk.getFailure());
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int take = (int) Math.min(bytes.remaining(), limit - out.size());
            byte[] copy = new byte[take];
            bytes.get(copy);
            out.write(copy, 0, take);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static void readBlocking(Request request, long limit, ByteArrayOutputStream out) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] buffer = new byte[8192];
            int n;
            while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
