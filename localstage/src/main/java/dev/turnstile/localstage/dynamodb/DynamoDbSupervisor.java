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
import java.time.Instant;
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
 *
 * <p><b>Supervision.</b> A watcher thread probes DynamoDB ({@code ListTables}, {@link DynamoDbSettings.Watch}).
 * When dynalite exits (killed, crashed) or fails its probes several times in a row (stopped with SIGSTOP, hung), the
 * supervisor logs it, kills what is left, and starts dynalite again on the same data directory and the same port —
 * the execution environments keep their {@code AWS_ENDPOINT_URL_DYNAMODB} — with a growing pause between attempts
 * (250 ms doubling to 5 s) until one answers. Meanwhile {@link #health()} reports it not ready, and writes fail with
 * the errors the SDK gives for an unreachable endpoint (the writer answers 503). LevelDB has written every
 * acknowledged put to its log before answering, so a restart loses no acknowledged item.
 */
public final class DynamoDbSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSupervisor.class);
    private static final int START_ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final URI endpoint;
    private final DynamoDbSettings settings;
    private final Collection<TableConfig> tables;
    private final DynalitePidFile pidFile;
    private final Path node;
    private final Path cli;
    private final Object lock = new Object();
    /** The running dynalite; null for an external endpoint. Replaced by restarts (under {@link #lock}). */
    private Process process;
    private volatile DynamoDbHealth health;
    private volatile boolean closed;
    private final Thread watcher;

    private DynamoDbSupervisor(URI endpoint, Process process, DynamoDbSettings settings, Collection<TableConfig> tables,
                               DynalitePidFile pidFile, Path node, Path cli) {
        this.endpoint = endpoint;
        this.process = process;
        this.settings = settings;
        this.tables = List.copyOf(tables);
        this.pidFile = pidFile;
        this.node = node;
        this.cli = cli;
        this.health = new DynamoDbHealth(DynamoDbHealth.State.SERVING, endpoint.toString(),
                process == null ? -1 : process.pid(), 0, Instant.now(), null);
        this.watcher = new Thread(this::watch, "dynamodb-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts (or connects to) DynamoDB and provisions the tables; blocks until they are ACTIVE. */
    public static DynamoDbSupervisor start(DynamoDbSettings settings, Collection<TableConfig> tables) {
        if (settings.externalEndpoint() != null) {
            provision(settings.externalEndpoint(), settings, tables);
            return new DynamoDbSupervisor(settings.externalEndpoint(), null, settings, tables, null, null, null);
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
            int port = freePort();
            Process process = launch(node, cli, settings, port);
            pidFile.record(process);
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            try {
                awaitReady(endpoint, process, settings);
                provision(endpoint, settings, tables);
                LOG.info("dynalite pid {} serving {} with data in {}", process.pid(), endpoint,
                        settings.dataDir().resolve("dynamodb"));
                return new DynamoDbSupervisor(endpoint, process, settings, tables, pidFile, node, cli);
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

    // ---- supervision ----------------------------------------------------------------------------------------

    private void watch() {
        DynamoDbSettings.Watch watch = settings.watch();
        try (DynamoDbClient probe = DynamoDbClients.create(endpoint, settings.region(), watch.probeTimeout())) {
            int failures = 0;
            while (!closed) {
                sleep(watch.interval().toMillis());
                if (closed) {
                    return;
                }
                Process current = currentProcess();
                if (current != null && !current.isAlive()) {
                    String why = "dynalite pid " + current.pid() + " exited with status " + current.exitValue();
                    LOG.error("{}; starting it again on the same data in {}", why, settings.dataDir().resolve("dynamodb"));
                    restart(why);
                    failures = 0;
                    continue;
                }
                String failure = probe(probe);
                if (failure == null) {
                    if (failures > 0 || !health.ready()) {
                        LOG.info("DynamoDB at {} answers again", endpoint);
                        health = new DynamoDbHealth(DynamoDbHealth.State.SERVING, endpoint.toString(), pid(), health.restarts(),
                                Instant.now(), health.lastFailure());
                    }
                    failures = 0;
                    continue;
                }
                failures++;
                if (current == null) {
                    if (health.ready()) {
                        LOG.error("the external DynamoDB at {} does not answer: {}", endpoint, failure);
                    }
                    health = new DynamoDbHealth(DynamoDbHealth.State.UNREACHABLE, endpoint.toString(), -1, 0,
                            health.ready() ? Instant.now() : health.since(), failure);
                } else if (failures >= watch.failures()) {
                    String why = "dynalite pid " + current.pid() + " did not answer " + failures
                            + " health probes in a row (stopped or hung): " + failure;
                    LOG.error("{}; killing it and starting it again on the same data", why);
                    restart(why);
                    failures = 0;
                } else {
                    LOG.warn("dynalite pid {} failed a health probe ({} of {}): {}", current.pid(), failures,
                            watch.failures(), failure);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("the DynamoDB watcher stopped unexpectedly; dynalite is no longer supervised", e);
            }
        }
    }

    /** Null when DynamoDB answered; the reason otherwise. */
    private static String probe(DynamoDbClient client) {
        try {
            client.listTables(r -> r.limit(1));
            return null;
        } catch (SdkException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Kills what is left of dynalite and starts it again on the same port until it answers (or the stage closes). */
    private void restart(String why) {
        long since = System.nanoTime();
        int restarts = health.restarts() + 1;
        health = new DynamoDbHealth(DynamoDbHealth.State.RESTARTING, endpoint.toString(), -1, health.restarts(),
                Instant.now(), why);
        synchronized (lock) {
            if (process != null) {
                kill(process); // SIGKILL: a stopped process does not act on SIGTERM until it is continued
            }
        }
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; !closed; attempt++) {
            Process next = launch(node, cli, settings, endpoint.getPort());
            synchronized (lock) {
                if (closed) {
                    stop(next);
                    return;
                }
                process = next;
            }
            try {
                pidFile.record(next);
                awaitReady(endpoint, next, settings);
                provision(endpoint, settings, tables);
                health = new DynamoDbHealth(DynamoDbHealth.State.SERVING, endpoint.toString(), next.pid(), restarts,
                        Instant.now(), why);
                LOG.info("dynalite restarted: pid {} serving {} with data in {} (restart {}, {} ms after it failed)",
                        next.pid(), endpoint, settings.dataDir().resolve("dynamodb"), restarts,
                        (System.nanoTime() - since) / 1_000_000);
                return;
            } catch (RuntimeException e) {
                LOG.warn("starting dynalite again failed (attempt {}; next in {} ms): {}", attempt, backoff, e.getMessage());
                stop(next);
                health = new DynamoDbHealth(DynamoDbHealth.State.RESTARTING, endpoint.toString(), -1, restarts - 1,
                        health.since(), why + "; attempt " + attempt + " failed: " + e.getMessage());
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private Process currentProcess() {
        synchronized (lock) {
            return process;
        }
    }

    private long pid() {
        Process current = currentProcess();
        return current == null ? -1 : current.pid();
    }

    /** Serving or not, and why: what the stage's readiness reports. */
    public DynamoDbHealth health() {
        return health;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true; // only close() interrupts the watcher
        }
    }

    private static Process launch(Path node, Path cli, DynamoDbSettings settings, int port) {
        try {
            Path store = settings.dataDir().resolve("dynamodb");
            Files.createDirectories(store);
            Path log = settings.dataDir().resolve("dynamodb.log");
            ProcessBuilder pb = new ProcessBuilder(BackendPriority.lowered(List.of(node.toString(), cli.toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--path", store.toString(),
                    "--createTableMs", "50")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return pb.start();
        } catch (IOException e) {
            throw new DynamoDbUnavailableException("cannot start dynalite with " + node + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DynamoDbUnavailableException("cannot find a free port for dynalite: " + e.getMessage(), e);
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
        return cli != null;
    }

    /** The running dynalite's process id, or -1 (external endpoint, or between a death and its restart). */
    public long dynalitePid() {
        return pid();
    }

    /** Stops the watcher, then dynalite and its child processes; nothing to stop for an external endpoint. */
    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        try {
            watcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Process last;
        synchronized (lock) {
            last = process;
        }
        if (last != null) {
            stop(last);
            pidFile.delete();
        }
        health = new DynamoDbHealth(DynamoDbHealth.State.STOPPED, endpoint.toString(), -1, health.restarts(),
                Instant.now(), health.lastFailure());
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
