package dev.turnstile.localstage.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives a request's whole body before the faces behind it run, without holding a thread while the bytes arrive,
 * and within a deadline.
 *
 * <p>Why: the faces read bodies with blocking calls on a bounded pool. A client that sends its body slowly would hold
 * a pool thread for as long as it likes, and a thousand such clients starve every other client of the listener.
 * Here the body is read on demand (Jetty calls back when bytes arrive; no thread waits) and copied as it comes, so a
 * slow client costs the bytes it actually sent and no thread. The face then reads the body from memory. A body not
 * complete within the deadline gets 408 and the connection is closed; idle connections are bounded by the
 * connector's idle timeout ({@link ListenerLimits}).
 */
public final class BufferedBodyFace extends Handler.Wrapper {

    /** What a body larger than the listener's limit gets. */
    public enum Overflow {
        /**
         * The face behind receives the first {@code limit + 1} bytes and answers itself (the gateway's 413
         * REQUEST_TOO_LARGE, with its access-log line); the rest is never read.
         */
        HAND_OVER,
        /** 413 {@code RequestEntityTooLargeException} here, and the connection is closed. */
        REFUSE
    }

    private static final int READING = 0;
    private static final int DISPATCHED = 1;
    private static final int ANSWERED = 2;

    private final long maxBodyBytes;
    private final Overflow overflow;
    private final Duration deadline;

    /** @param next the faces to run once the body is in */
    public BufferedBodyFace(Handler next, long maxBodyBytes, Overflow overflow, Duration deadline) {
        super(next);
        this.maxBodyBytes = maxBodyBytes;
        this.overflow = overflow;
        this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        if (declared > maxBodyBytes) {
            if (overflow == Overflow.HAND_OVER) {
                return super.handle(request, response, callback); // the face answers from Content-Length alone
            }
            refuse(response, callback);
            return true;
        }
        new Loader(request, response, callback).start();
        return true;
    }

    private void refuse(Response response, Callback callback) {
        JsonError.write(response, callback, 413, "application/json", JsonError.typed("RequestEntityTooLargeException",
                "Request must be smaller than " + (maxBodyBytes + 1) + " bytes"), true);
    }

    /** Reads one request's body on demand; dispatches it once, or answers 408/413/400 once. */
    private final class Loader implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicInteger state = new AtomicInteger(READING);
        /** The deadline, armed only once the body has to be waited for (null while every byte was there). */
        private volatile Scheduler.Task timer;

        Loader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            read(false);
        }

        /** Jetty calls this when more bytes have arrived. */
        @Override
        public void run() {
            read(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING; // it only copies bytes; the face runs on a pool thread
        }

        private void read(boolean fromCallback) {
            while (state.get() == READING) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    // A small body has usually arrived with the headers and is read above without waiting, so the
                    // deadline costs a scheduler entry (a locked queue insert and cancel) only for a body that has
                    // to be waited for: on the 429 path that was one schedule and one cancel per request
                    // (bench/README.md, "The 429 path's profile"). Armed before demanding, so the callback sees it.
                    if (timer == null) {
                        timer = request.getComponents().getScheduler().schedule(this::expire, deadline.toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    fail(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int take = (int) Math.min(bytes.remaining(), maxBodyBytes + 1 - body.size());
                byte[] copy = new byte[take];
                bytes.get(copy);
                body.write(copy, 0, take);
                boolean last = chunk.isLast();
                chunk.release();
                if (body.size() > maxBodyBytes) {
                    if (overflow == Overflow.REFUSE) {
                        answer(() -> refuse(response, callback));
                    } else {
                        dispatch(fromCallback);
                    }
                    return;
                }
                if (last) {
                    dispatch(fromCallback);
                    return;
                }
            }
        }

        private void dispatch(boolean fromCallback) {
            if (!state.compareAndSet(READING, DISPATCHED)) {
                return;
            }
            cancelTimer();
            Request buffered = new Buffered(request, body.toByteArray());
            Runnable next = () -> {
                try {
                    if (!BufferedBodyFace.super.handle(buffered, response, callback)) {
                        Response.writeError(buffered, response, callback, 404);
                    }
                } catch (Throwable failure) {
                    Response.writeError(buffered, response, callback, failure);
                }
            };
            if (fromCallback) {
                request.getContext().execute(next); // a demand callback may run on a selector thread: never block it
            } else {
                next.run();
            }
        }

        private void expire() {
            answer(() -> JsonError.write(response, callback, 408, "application/json", JsonError.body(
                    "the request body did not arrive within " + deadline.toMillis() + " ms"), true));
        }

        private void fail(Throwable failure) {
            if (failure instanceof TimeoutException) {
                expire(); // the connection went idle mid-body
            } else {
                answer(() -> Response.writeError(request, response, callback, failure));
            }
        }

        private void answer(Runnable write) {
            if (state.compareAndSet(READING, ANSWERED)) {
                cancelTimer();
                write.run();
            }
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /** The request with its body already in memory: one last chunk. */
    private static final class Buffered extends Request.Wrapper {
        private Content.Chunk content;

        Buffered(Request wrapped, byte[] body) {
            super(wrapped);
            this.content = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = content;
            content = Content.Chunk.EOF;
            return next;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // everything is available
        }
    }
}
