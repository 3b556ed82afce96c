package dev.turnstile.conformance.run;

import dev.turnstile.conformance.clock.StageClockClient;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.CloudWatchLogReader;
import dev.turnstile.conformance.crosscheck.CrossCheck;
import dev.turnstile.conformance.crosscheck.CrossCheckReport;
import dev.turnstile.conformance.crosscheck.LogEvent;
import dev.turnstile.conformance.http.StageHttpClient;
import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.wait.Poll;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One run against a stage — a conformance class or a simulation: its ledger (own run id), HTTP client, clock client,
 * SDK clients, and the cross-check at the end. Which stage is the caller's choice (a {@code StageSelection}, the
 * JUnit extension {@code TurnstileStage}); the run only needs its profile.
 */
public final class StageRun implements AutoCloseable {

    private final StageProfile profile;
    private final Ledger ledger;
    private final StageTimeline timeline = new StageTimeline();
    private final StageHttpClient http;
    private final StageClockClient clock;
    private final StageClients clients;

    /** A run named {@code name} (the run id's prefix) against {@code profile}, its ledger in the default runs folder. */
    public static StageRun open(String name, StageProfile profile) {
        return new StageRun(profile, Ledger.open(Ledger.DEFAULT_RUNS_DIR, Ledger.newRunId(name)), 0);
    }

    /** A run against {@code profile} writing to {@code ledger}; {@code injector} is this process's injector index. */
    public StageRun(StageProfile profile, Ledger ledger, int injector) {
        this.profile = profile;
        this.ledger = ledger;
        this.http = new StageHttpClient(profile, ledger, StageHttpClient.newHttpClient(), Duration.ofSeconds(35),
                injector);
        this.clock = new StageClockClient(profile, StageHttpClient.newHttpClient(), timeline);
        this.clients = new StageClients(profile);
        if (clock.available()) {
            clock.read(); // anchor the timeline: the stage clock may already be ahead from earlier classes
        }
    }

    public StageProfile profile() {
        return profile;
    }

    public StageClockClient clock() {
        return clock;
    }

    /** Maps wall time to stage time (every clock reading of this run is on it). */
    public StageTimeline timeline() {
        return timeline;
    }

    public StageClients clients() {
        return clients;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Sends and records one request. */
    public StageResponse send(StageRequest request) {
        return http.send(request);
    }

    /** Moves the stage clock past every authorizer cache TTL, so the next call of each identity is a miss. */
    public void expireAuthorizerCache() {
        clock.advance(Duration.ofSeconds(profile.maxAuthorizerTtlSeconds() + 1L));
    }

    /** Every event of a log group (whole history: local groups are small; AWS callers pass windows instead). */
    public List<LogEvent> events(String group) {
        return CloudWatchLogReader.forStage(profile, clients.logs()).read(group, 0, Long.MAX_VALUE / 2);
    }

    /** Polls {@code group} until {@code condition} holds for its events or the cross-check deadline passes. */
    public List<LogEvent> awaitEvents(String group, Predicate<List<LogEvent>> condition) {
        return Poll.until("events of " + group, () -> events(group), condition, CrossCheck.deadlineFor(profile),
                Duration.ofMillis(profile.isLocal() ? 100 : 3_000));
    }

    /** Number of {@code START RequestId} lines among {@code events}. */
    public static long starts(List<LogEvent> events) {
        return events.stream().filter(e -> e.message().startsWith("START RequestId:")).count();
    }

    /** Cross-checks this run's ledger against DynamoDB and CloudWatch and writes {@code crosscheck.json}. */
    public CrossCheckReport crossCheck() {
        CrossCheckReport report = CrossCheck.forStage(profile, clients).run(ledger.runId(), ledger.entries(), timeline);
        report.write(ledger.runDir());
        return report;
    }

    @Override
    public void close() {
        try {
            ledger.close();
        } finally {
            clients.close();
        }
    }
}
