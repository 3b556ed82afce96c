package dev.turnstile.localstage.lambda;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server (127.0.0.1, a free port) that serves the Lambda Runtime API to the execution environments.
 * Its own server, not the gateway's: held {@code next} requests must never time out, whatever the gateway's
 * idle timeout is.
 */
final class RuntimeApiServer implements AutoCloseable {

    /** A warm environment may wait for its next event for as long as the stage runs. */
    private static final long NEXT_IDLE_TIMEOUT_MS = 7L * 24 * 3600 * 1000;

    private final Server server;
    private final ServerConnector connector;

    RuntimeApiServer(RuntimeApiFace face) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("lambda-runtime-api");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(NEXT_IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setHandler(face);
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Lambda Runtime API server on 127.0.0.1", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code AWS_LAMBDA_RUNTIME_API} before the environment's path. */
    String hostPort() {
        return "127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Lambda Runtime API server", e);
        }
    }
}
