package dev.turnstile.localstage.server;

import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty server with one HTTP/1.1 connector on a loopback address, serving a chain of faces. Faces
 * return false for requests that are not theirs; what no face takes gets {@link NotFoundFace}'s answer.
 *
 * <p>Every listener applies its {@link ListenerLimits}: the request line and headers are bounded (431 beyond), each
 * body is received whole, without a thread, within a deadline ({@link BufferedBodyFace}), and a silent connection is
 * closed after the idle timeout. Errors Jetty answers itself are JSON ({@link JsonErrorHandler}).
 */
public final class LoopbackServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String bindAddress;

    private LoopbackServer(Server server, ServerConnector connector, String bindAddress) {
        this.server = server;
        this.connector = connector;
        this.bindAddress = bindAddress;
    }

    /**
     * Starts a server.
     *
     * @param name        thread-name prefix (shows in thread dumps)
     * @param bindAddress address to bind (127.0.0.1 unless told otherwise)
     * @param port        port, 0 for a free one
     * @param maxThreads  worker threads (blocking faces such as the gateway wait on Lambda)
     * @param limits      header and body limits, body deadline and idle timeout
     * @param faces       the faces (Jetty handlers), tried in order
     */
    public static LoopbackServer start(String name, String bindAddress, int port, int maxThreads, ListenerLimits limits,
                                       Handler... faces) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName(name);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // every path reaches the faces as sent, empty and encoded segments included: API Gateway answers
        // //Prod/items and /Prod/a%2Fb itself (docs/aws-behaviour.md §2.1), so Jetty must not refuse them first
        http.setUriCompliance(UriCompliance.UNSAFE);
        // Jetty counts the request line and the headers together against this, as API Gateway does
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        Handler[] chain = new Handler[faces.length + 1];
        System.arraycopy(faces, 0, chain, 0, faces.length);
        chain[faces.length] = new NotFoundFace();
        server.setHandler(new BufferedBodyFace(new Handler.Sequence(chain), limits.maxBodyBytes(), limits.overflow(),
                limits.bodyReadTimeout()));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start " + name + " on " + bindAddress + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new LoopbackServer(server, connector, bindAddress);
    }

    /** The bound port. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port} of this server. */
    public URI uri() {
        return URI.create("http://" + bindAddress + ":" + port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop server on port " + port(), e);
        }
    }
}
