package dev.turnstile.simulations;

import dev.turnstile.conformance.crosscheck.CloudWatchLogReader;
import dev.turnstile.conformance.crosscheck.CrossCheckReport;
import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.reports.CapacityReport;
import dev.turnstile.reports.ReportFiles;
import dev.turnstile.reports.ReportRequest;
import dev.turnstile.simulations.verdict.DecisionTimes;
import dev.turnstile.simulations.verdict.Judge;
import dev.turnstile.simulations.verdict.Verdict;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import dev.turnstile.stage.selection.StageSelection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One simulation's run against the selected stage: its ledger ({@code target/turnstile/runs/<run-id>/ledger.jsonl}),
 * the stage's clients, and at the end the verdict, the cross-check, the capacity report and a one-screen summary.
 * With several injectors ({@code -Dturnstile.injectors=N}) the run only records; the merge step judges.
 */
public final class SimulationRun implements AutoCloseable {

    private final String simulation;
    private final StageRun stage;
    private final SimulationSettings settings;
    private final InjectorShare share;
    private final long startedMs = System.currentTimeMillis();

    private SimulationRun(String simulation, StageRun stage, SimulationSettings settings) {
        this.simulation = simulation;
        this.stage = stage;
        this.settings = settings;
        this.share = settings.injectorShare();
    }

    /**
     * Selects the stage — {@code selection}'s profile, starting the embedded stage when that is the choice — and opens
     * the run's ledger. Simulations pass {@link SimulationSettings#stageFromSystem}.
     */
    public static SimulationRun start(String simulation, StageSelection selection) {
        System.out.println("Turnstile " + simulation + ": " + selection.describe());
        StageProfile profile = selection.profile();
        SimulationSettings settings = SimulationSettings.fromSystem(!profile.isLocal());
        InjectorShare share = settings.injectorShare();
        String prefix = share.alone() ? simulation : simulation + "-i" + share.index();
        Ledger ledger = Ledger.open(Ledger.DEFAULT_RUNS_DIR, Ledger.newRunId(prefix));
        SimulationRun run = new SimulationRun(simulation, new StageRun(profile, ledger, share.index()), settings);
        System.out.println("Turnstile " + simulation + ": "
                + StageWarmUp.run(profile, run.stage.clients().lambda(), settings.warmUp()));
        return run;
    }

    public String simulation() {
        return simulation;
    }

    public StageProfile profile() {
        return stage.profile();
    }

    public StageRun stage() {
        return stage;
    }

    public SimulationSettings settings() {
        return settings;
    }

    public InjectorShare share() {
        return share;
    }

    public String runId() {
        return stage.ledger().runId();
    }

    public long startedMs() {
        return startedMs;
    }

    public UsageApi usage() {
        return new UsageApi(stage.clients().apiGateway(), stage.clock());
    }

    /** Appends one exchange to the ledger. */
    public void record(LedgerEntry entry) {
        stage.ledger().append(entry);
    }

    /** The spec of this run for {@code plan}/{@code key}, before the load; completed by {@link #finish}. */
    public RunSpec spec(UsagePlanInfo plan, ApiKeyInfo key, double offeredRps, long durationMs) {
        return new RunSpec(simulation, runId(), share.count(), share.index(), profile().kind(),
                plan == null ? null : plan.name(), key == null ? null : key.id(),
                plan == null || plan.throttle() == null ? 0 : plan.throttle().rateLimit(),
                plan == null || plan.throttle() == null ? 0 : plan.throttle().burstLimit(),
                plan == null || plan.quota() == null ? 0 : plan.quota().limit(), offeredRps, durationMs,
                settings.tolerancePercent(), settings.toleranceRequests(), startedMs, 0, null, null, null, 0, null,
                settings.offeredShare());
    }

    /**
     * Ends the run: writes {@code run.json}; alone, also judges the ledger, cross-checks it with DynamoDB and
     * CloudWatch, writes {@code verdict.json}, {@code crosscheck.json} and the capacity report, and prints the summary.
     * Returns the verdict, or empty when the merge step is to judge (several injectors).
     */
    public Optional<Verdict> finish(RunSpec spec, PrintStream out) {
        Path runDir = stage.ledger().runDir();
        String gatling = gatlingResults().map(Path::toString).orElse(null);
        long now = System.currentTimeMillis();
        RunSpec done = spec.ended(now, spec.usageAfter(), stage.timeline().stageTime(now) - now, gatling);
        done.write(runDir);
        List<LedgerEntry> entries = stage.ledger().entries();
        if (!share.alone()) {
            out.println("Turnstile " + simulation + ": injector " + share.index() + " of " + share.count() + " recorded "
                    + entries.size() + " requests in " + runDir + "; the merge step judges the run");
            return Optional.empty();
        }
        // the cross-check first: it waits until the access log holds every request, whose times the judge reads
        CrossCheckReport check = stage.crossCheck();
        Verdict verdict = Judge.forSimulation(simulation).judge(done, Judge.measured(entries),
                DecisionTimes.read(profile(), CloudWatchLogReader.forStage(profile(), stage.clients().logs()), stage.timeline(), entries));
        verdict = verdict.withCrossCheck(check.failures(), gatling == null ? null : gatling + "/index.html");
        verdict.write(runDir); // before the report, which lists the run folder's verdicts
        String report;
        try {
            report = capacityReport(entries, runDir);
        } catch (RuntimeException e) {
            report = "not written: " + e.getMessage();
            verdict = verdict.withFailure("the capacity report could not be written: " + e.getMessage());
            verdict.write(runDir);
        }
        Summary.print(out, verdict, check, runDir, report);
        return Optional.of(verdict);
    }

    private String capacityReport(List<LedgerEntry> entries, Path runDir) {
        if (entries.isEmpty()) {
            return "not written: no requests";
        }
        long first = entries.stream().mapToLong(LedgerEntry::timeMs).min().orElseThrow();
        long last = entries.stream().mapToLong(e -> e.timeMs() + e.latencyMs()).max().orElseThrow();
        // the local stage stamps access-log lines on its own clock, which a simulation may have moved forward
        long from = Math.min(first, stage.timeline().stageTime(first)) - 1_000;
        long to = Math.max(last, stage.timeline().stageTime(last)) + 3_000;
        ReportFiles files = CapacityReport.generate(ReportRequest.builder(profile(), Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to)).run(runDir).outDir(runDir).build());
        return files.html().toString();
    }

    /**
     * Gatling's newest results folder for this simulation ({@code <results>/<name>simulation-<timestamp>}). The
     * plugin passes the results folder to Gatling as an argument, not a property, and forks Gatling in the directory
     * Maven was started from: the module's own {@code target/gatling} (run from the root) or {@code target/gatling}.
     */
    private Optional<Path> gatlingResults() {
        String prefix = simulation.toLowerCase() + "simulation-";
        for (Path dir : List.of(Path.of("simulations", "target", "gatling"), Path.of("target", "gatling"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                Optional<Path> newest = list.filter(p -> p.getFileName().toString().startsWith(prefix))
                        .max(Comparator.comparing(p -> p.getFileName().toString()));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // an unreadable results folder only loses the link in the verdict; the next candidate may do
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        stage.close();
    }
}
