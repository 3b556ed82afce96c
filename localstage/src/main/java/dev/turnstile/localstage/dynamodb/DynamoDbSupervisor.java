package dev.turnstile.localstage.dynamodb;

import dev.turnstile.localstage.model.TableConfig;
import dev.turnstile.localstage.server.BackendPriority;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Provides the stage's DynamoDB: by default starts and supervises dynalite ({@code node cli.js --host 127.0.0.1
 * --port P --path <dataDir>/dynamodb}, output to {@code <dataDir>/dynamodb.log}), waits until {@code ListTables}
 * answers, creates the model's tables when absent and waits until they are ACTIVE. With an external endpoint it
 * only creates the tables there. {@link #close()} stops dynalite and its children. Its pid is recorded in
 * {@code <dataDir>/dynamodb.pid} so that a dynalite orphaned by a killed stage is stopped on the next start.
 */
public final class DynamoDbSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSupervisor.class);
    private static final int START_ATTEMPTS = 3;

    private final URI endpoint;
    private final Process process;
    private final DynalitePidFile pidFile;

    private DynamoDbSupervisor(URI endpoint, Process process, DynalitePidFile pidFile) {
        this.endpoint = endpoint;
        this.process = process;
        this.pidFile = pidFile;
    }

    /** Starts (or connects to) DynamoDB and provisions the tables; blocks until they are ACTIVE. */
    public static DynamoDbSupervisor start(DynamoDbSettings settings, Collection<TableConfig> tables) {
        if (settings.externalEndpoint() != null) {
            provision(settings.externalEndpoint(), settings, tables);
            return new DynamoDbSupervisor(settings.externalEndpoint(), null, null);
        }
        Path cli = settings.dynaliteHome().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new DynamoDbUnavailableException("dynalite is not installed: " + cli.toAbsolutePath()
                    + " is missing; run 'npm ci' in " + settings.dynaliteHome().toAbsolutePath()
                    + " (or pass --dynamodb-endpoint URL)");
        }
        Path node = NodeLocator.locate(settings.node());
        // a stage killed with SIGKILL leaves its dynalite running, holding the LevelDB lock on our store
        DynalitePidFile pidFile = new DynalitePidFile(settings.dataDir());
        pidFile.reapStale();
        DynamoDbUnavailableException last = null;
        // the free port is picked before dynalite binds it, so another process may take it first: retry
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Launched launched = launch(node, cli, settings);
            Process process = launched.process();
            pidFile.record(process);
            URI endpoint = URI.create("http://127.0.0.1:" + launched.port());
            try {
                awaitReady(endpoint, process, settings);
                provision(endpoint, settings, tables);
                LOG.info("dynalite pid {} serving {} with data in {}", process.pid(), endpoint,
                        settings.dataDir().resolve("dynamodb"));
                return new DynamoDbSupervisor(endpoint, process, pidFile);
            } catch (RuntimeException e) {
                stop(process);
                pidFile.delete();
                if (!(e instanceof DynamoDbUnavailableException d) || process.isAlive()) {
                    throw e;
                }
                last = d;
            }
        }
        throw last;
    }

    private record Launched(Process process, int port) { }

    private static Launched launch(Path node, Path cli, DynamoDbSettings settings) {
        try {
            Path store = settings.dataDir().resolve("dynamodb");
            Files.createDirectories(store);
            int port = freePort();
            Path log = settings.dataDir().resolve("dynamodb.log");
            ProcessBuilder pb = new ProcessBuilder(BackendPriority.lowered(List.of(node.toString(), cli.toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--path", store.toString(),
                    "--createTableMs", "50")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new Launched(pb.start(), port);
        } catch (IOException e) {
            throw new DynamoDbUnavailableException("cannot start dynalite with " + node + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(URI endpoint, Process process, DynamoDbSettings settings) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try (DynamoDbClient client = DynamoDbClients.create(endpoint, settings.region(), Duration.ofSeconds(2))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new DynamoDbUnavailableException("dynalite exited with status " + process.exitValue()
                            + " before answering; see " + settings.dataDir().resolve("dynamodb.log") + ": "
                            + tail(settings.dataDir().resolve("dynamodb.log")));
                }
                try {
                    client.listTables();
                    return;
                } catch (SdkException e) {
                    if (System.nanoTime() > deadline) {
                        throw new DynamoDbUnavailableException("dynalite did not answer ListTables on " + endpoint
                                + " within " + settings.startTimeout() + ": " + e.getMessage(), e);
                    }
                }
                TableProvisioner.pause(Duration.ofMillis(100));
            }
        }
    }

    private static void provision(URI endpoint, DynamoDbSettings settings, Collection<TableConfig> tables) {
        try (DynamoDbClient client = DynamoDbClients.create(endpoint, settings.region(), Duration.ofSeconds(10))) {
            List<String> created = TableProvisioner.ensure(client, tables, settings.startTimeout());
            if (!created.isEmpty()) {
                LOG.info("created DynamoDB tables {} on {}", created, endpoint);
            }
        } catch (SdkException e) {
            throw new DynamoDbUnavailableException("DynamoDB at " + endpoint + " failed while creating tables: "
                    + e.getMessage(), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The DynamoDB endpoint (dynalite's loopback URL or the external endpoint). */
    public URI endpoint() {
        return endpoint;
    }

    /** Whether this supervisor runs dynalite (false for an external endpoint). */
    public boolean supervisesDynalite() {
        return process != null;
    }

    /** Stops dynalite and its child processes; nothing to stop for an external endpoint. */
    @Override
    public void close() {
        if (process != null) {
            stop(process);
            pidFile.delete();
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
