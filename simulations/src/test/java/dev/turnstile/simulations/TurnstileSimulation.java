package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.turnstile.conformance.http.StageHttpClient;
import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.verdict.Judge;
import dev.turnstile.simulations.verdict.Verdict;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What every Turnstile simulation shares: the selected stage (the embedded local stage unless
 * {@code -Dturnstile.stage} or {@code -Dturnstile.stack} says otherwise), the HTTP protocol for its invoke URL, a
 * request chain that records every exchange in the run's ledger, and the end of the run — verdict, cross-check,
 * capacity report — which fails the Gatling run, and so the Maven build, when any check failed.
 */
public abstract class TurnstileSimulation extends Simulation {

    private static final String STATUS = "turnstile.status";
    private static final String REQUEST_ID = "turnstile.requestId";
    /** {@code x-amz-apigw-id}: the writer's item key and the cross-check's join id. */
    private static final String EXTENDED_REQUEST_ID = "turnstile.extendedRequestId";
    private static final String ERROR_TYPE = "turnstile.errorType";
    private static final String LATENCY = "turnstile.latency";
    private static final String SENT = "turnstile.sent";

    protected final SimulationRun run;
    protected final HttpProtocolBuilder protocol;
    private final String wrongKey;
    private RunSpec spec;

    /** A simulation against the selected stage; an embedded one runs the template's own parameters. */
    protected TurnstileSimulation(String simulation) {
        this(simulation, null);
    }

    /**
     * A simulation against the selected stage; an embedded one (no {@code -Dturnstile.stage}, {@code -Dturnstile.stack}
     * or {@code -Dturnstile.params}) starts with the template parameters {@code embeddedDefaults} (null: the
     * template's own).
     */
    protected TurnstileSimulation(String simulation, String embeddedDefaults) {
        this.run = SimulationRun.start(simulation, SimulationSettings.stageFromSystem(embeddedDefaults));
        this.protocol = http.baseUrl(run.profile().invokeUrl())
                .shareConnections()
                .disableCaching()
                .disableWarmUp()
                .acceptHeader("application/json")
                .header(StageHttpClient.RUN_ID_HEADER, run.runId());
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.wrongKey = "turnstile-wrong-key-" + HexFormat.of().formatHex(random);
    }

    /** The run's spec; set by the simulation's constructor, completed at the end. */
    protected void spec(RunSpec value) {
        this.spec = value;
    }

    protected RunSpec spec() {
        return spec;
    }

    /** The tenant of the template's {@code AllowedTenants} the REQUEST-authorizer classes use (the first listed). */
    protected String allowedTenant() {
        return "tenant-a";
    }

    /**
     * Sends one request of class {@code cls} with {@code key} (for {@link RequestClass.KeyUse#PLAN}) and records it in
     * the ledger as {@code scenario}; Gatling counts it OK when its status is one of {@code okStatuses}.
     */
    protected ChainBuilder send(RequestClass cls, ApiKeyInfo key, String scenario, Integer... okStatuses) {
        String query = switch (cls.tenant() == null ? RequestClass.Tenant.MISSING : cls.tenant()) {
            case ALLOWED -> "?tenant=" + allowedTenant();
            case NOT_ALLOWED -> "?tenant=" + RequestClass.UNLISTED_TENANT;
            case MISSING -> "";
        };
        HttpRequestActionBuilder request = http(cls.id()).httpRequest(cls.method(), cls.path() + query);
        String keyValue = switch (cls.key()) {
            case PLAN -> key == null ? null : key.value();
            case WRONG -> wrongKey;
            case NONE -> null;
        };
        if (keyValue != null) {
            request = request.header("x-api-key", keyValue);
        }
        if (cls.token() != null) {
            request = request.header(StageRequest.TOKEN_HEADER, cls.token());
        }
        request = switch (cls.body()) {
            case JSON -> request.header("Content-Type", "application/json")
                    .body(StringBody("{\"metadata\":\"" + run.simulation() + "\",\"class\":\"" + cls.id()
                            + "\",\"user\":#{userId}}"));
            case MALFORMED -> request.header("Content-Type", "application/json").body(StringBody("{\"unterminated\":"));
            case NONE -> request;
        };
        // the saves come first: a failed expectation must not lose what the ledger needs
        request = request.check(
                status().saveAs(STATUS),
                header("x-amzn-RequestId").optional().saveAs(REQUEST_ID),
                header("x-amz-apigw-id").optional().saveAs(EXTENDED_REQUEST_ID),
                header("x-amzn-ErrorType").optional().saveAs(ERROR_TYPE),
                responseTimeInMillis().saveAs(LATENCY),
                status().in(okStatuses.length == 0 ? List.of(cls.expected().status()) : List.of(okStatuses)));
        String apiKeyId = cls.key() == RequestClass.KeyUse.PLAN && key != null ? key.id() : null;
        String tokenClass = cls.tokenClass(allowedTenant());
        return exec(session -> session.set(SENT, System.currentTimeMillis()).set("userId", session.userId()))
                .exec(request)
                .exec(session -> record(session, cls, apiKeyId, tokenClass, scenario));
    }

    private Session record(Session session, RequestClass cls, String apiKeyId, String tokenClass, String scenario) {
        long sent = session.getLong(SENT);
        int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
        long latency = session.contains(LATENCY) ? session.getInt(LATENCY) : System.currentTimeMillis() - sent;
        run.record(new LedgerEntry(run.runId(), session.contains(REQUEST_ID) ? session.getString(REQUEST_ID) : null,
                session.contains(EXTENDED_REQUEST_ID) ? session.getString(EXTENDED_REQUEST_ID) : null, cls.route(), apiKeyId, tokenClass, status, session.contains(ERROR_TYPE) ? session.getString(ERROR_TYPE)
                : null, latency, sent, run.share().index(), scenario));
        return session.removeAll(STATUS, REQUEST_ID, EXTENDED_REQUEST_ID, ERROR_TYPE, LATENCY, SENT);
    }

    /**
     * A rehearsal on a route that exists in no API ({@code POST /no-such-resource}: 403 Missing Authentication Token,
     * decided before any authorizer or usage plan), at the load's own rate for {@code duration}, to be chained before
     * the measured load. A JVM's first requests pay for the HTTP client's and the gateway's start (JIT, event loops,
     * connections): seconds here, during which every arrival of an open model queues — a throttle test would then
     * measure that queue. Rehearsal answers are recorded and cross-checked but never judged.
     */
    protected PopulationBuilder rehearsal(double rate, Duration duration) {
        return rehearsal(RequestClass.UNKNOWN_PATH, null, rate, duration);
    }

    /**
     * A rehearsal of class {@code cls} (with {@code key}) at {@code rate} for {@code duration}: recorded and
     * cross-checked, never judged. On the measured route itself it warms what the unmetered route cannot — the
     * authorizer cache, the integration, the function's own path — and, below the plan's rate, leaves its token bucket
     * full.
     */
    protected PopulationBuilder rehearsal(RequestClass cls, ApiKeyInfo key, double rate, Duration duration) {
        return rehearsal(cls, key, rate, duration, new Integer[0]);
    }

    /** {@link #rehearsal(RequestClass, ApiKeyInfo, double, Duration)} accepting these statuses (none: the class's own). */
    protected PopulationBuilder rehearsal(RequestClass cls, ApiKeyInfo key, double rate, Duration duration,
                                          Integer... okStatuses) {
        return scenario(run.simulation() + " rehearsal " + cls.id())
                .exec(send(cls, key, cls.scenario(run.simulation()) + Judge.REHEARSAL, okStatuses))
                .injectOpen(constantUsersPerSec(run.share().rate(rate)).during(duration));
    }

    /** Ends the run; a failed verdict fails the Gatling run (exit code ≠ 0), naming the expected and observed counts. */
    @Override
    public void after() {
        if (spec == null) {
            throw new IllegalStateException(run.simulation() + " set no run spec");
        }
        try {
            Optional<Verdict> verdict = run.finish(completeSpec(spec), System.out);
            if (verdict.isPresent() && !verdict.get().pass()) {
                throw new AssertionError("Turnstile verdict FAILED:\n  " + String.join("\n  ", verdict.get().failures()));
            }
        } finally {
            run.close();
        }
    }

    /** A hook for simulations that measure something after the load (Quota reads GetUsage). */
    protected RunSpec completeSpec(RunSpec value) {
        return value;
    }
}
