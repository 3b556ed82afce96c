package dev.turnstile.simulations.merge;

import dev.turnstile.conformance.clock.ClockState;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.CloudWatchLogReader;
import dev.turnstile.conformance.crosscheck.CrossCheck;
import dev.turnstile.conformance.crosscheck.CrossCheckReport;
import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.reports.CapacityReport;
import dev.turnstile.reports.ReportRequest;
import dev.turnstile.simulations.RunSpec;
import dev.turnstile.simulations.Summary;
import dev.turnstile.simulations.capacity.CapacitySteps;
import dev.turnstile.simulations.verdict.DecisionTimes;
import dev.turnstile.simulations.verdict.Judge;
import dev.turnstile.simulations.verdict.Verdict;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Merges the run folders of N injectors that ran one simulation against one stage
 * ({@code -Dturnstile.injectors=N -Dturnstile.injector=i}, one process each) into one run: combined ledger, the
 * simulation's verdict over all requests, the cross-check (each item against the run id its injector sent) and the
 * capacity report. Gatling 3.15's reports-only mode cannot merge several {@code simulation.log} files, so the
 * combined ledger is the run's record; each injector keeps its own Gatling report.
 *
 * <pre>
 * mvn -B -q -pl simulations exec:java@merge -Dexec.args="--stage stage.json runs/ThrottleRate-i0-… runs/ThrottleRate-i1-…"
 * </pre>
 * Exit codes: 0 the merged verdict passed, 1 it failed, 2 bad arguments (the message names the problem).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the run folders of several injectors of one simulation and judge them together.")
public final class MergeCommand implements Callable<Integer> {

    @Option(names = "--stage", required = true, description = "the stage profile (stage.json) the injectors used")
    Path stage;

    @Option(names = "--out", description = "where the merged run folder goes (default: beside the first run)")
    Path out;

    @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "the injectors' run folders")
    List<Path> runs;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Merges as the command line {@code args} say and returns the exit code (the Kubernetes merge Job calls this). */
    public static int run(String... args) {
        return new CommandLine(new MergeCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("merge failed: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        StageProfile profile = StageProfile.read(stage);
        MergedRun merged = MergedRun.of(runs);
        Path dir = (out != null ? out : runs.get(0).toAbsolutePath().getParent()).resolve(merged.spec().runId());
        Ledger.writeAll(dir.resolve("ledger.jsonl"), merged.entries());
        merged.spec().write(dir);

        CrossCheckReport check;
        DecisionTimes times;
        try (StageClients clients = new StageClients(profile)) {
            StageTimeline timeline = new StageTimeline();
            long first = merged.entries().stream().mapToLong(LedgerEntry::timeMs).min().orElse(0);
            timeline.observe(first, new ClockState(first + merged.clockOffsetMs(), null, false));
            // the cross-check first: it waits until the access log holds every request, whose times the judge reads
            check = CrossCheck.forStage(profile, clients).run(merged.spec().runId(), merged.entries(), timeline);
            times = DecisionTimes.read(profile, new CloudWatchLogReader(clients.logs()), timeline, merged.entries());
        }
        check.write(dir);
        Verdict verdict = Judge.forSimulation(merged.spec().simulation()).judge(merged.spec(),
                Judge.measured(merged.entries()), times);
        verdict = verdict.withCrossCheck(check.failures(), null);
        if ("Capacity".equals(merged.spec().simulation())) {
            CapacitySteps.write(dir, CapacitySteps.of(merged.entries()));
        }
        verdict.write(dir); // before the report, which lists the run folder's verdicts
        String report;
        try {
            long last = merged.entries().stream().mapToLong(e -> e.timeMs() + e.latencyMs()).max().orElse(first(merged));
            long offset = merged.clockOffsetMs();
            report = CapacityReport.generate(ReportRequest.builder(profile,
                    Instant.ofEpochMilli(first(merged) + Math.min(0, offset) - 1_000),
                    Instant.ofEpochMilli(last + Math.max(0, offset) + 3_000)).run(dir).outDir(dir).build())
                    .html().toString();
        } catch (RuntimeException e) {
            report = "not written: " + e.getMessage();
            verdict = verdict.withFailure("the capacity report could not be written: " + e.getMessage());
            verdict.write(dir);
        }
        Summary.print(System.out, verdict, check, dir, report);
        return verdict.pass() ? 0 : 1;
    }

    private static long first(MergedRun merged) {
        return merged.entries().stream().mapToLong(LedgerEntry::timeMs).min().orElse(0);
    }

    /** The injectors' runs read and checked for belonging together. */
    record MergedRun(RunSpec spec, List<LedgerEntry> entries, long clockOffsetMs) {

        static MergedRun of(List<Path> runDirs) {
            List<RunSpec> specs = runDirs.stream().map(RunSpec::read).toList();
            RunSpec first = specs.get(0);
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                RunSpec s = specs.get(i);
                if (!s.simulation().equals(first.simulation())) {
                    throw new IllegalArgumentException(runDirs.get(i) + " is a " + s.simulation() + " run, "
                            + runDirs.get(0) + " a " + first.simulation() + " run: merge runs of one simulation");
                }
                if (s.injectors() != specs.size()) {
                    throw new IllegalArgumentException(runDirs.get(i) + " ran as one of " + s.injectors()
                            + " injectors, but " + specs.size() + " run folders were given");
                }
                if (seen.contains(s.injector())) {
                    throw new IllegalArgumentException("two run folders are injector " + s.injector() + ": "
                            + runDirs.get(i));
                }
                seen.add(s.injector());
            }
            List<LedgerEntry> entries = new ArrayList<>();
            runDirs.forEach(d -> entries.addAll(Ledger.read(d.resolve("ledger.jsonl"))));
            entries.sort(Comparator.comparingLong(LedgerEntry::timeMs));
            long started = specs.stream().mapToLong(RunSpec::startedMs).min().orElse(0);
            long ended = specs.stream().mapToLong(RunSpec::endedMs).max().orElse(0);
            String id = Ledger.newRunId(first.simulation() + "-merged");
            long offset = specs.stream().mapToLong(RunSpec::clockOffsetMs).max().orElse(0);
            return new MergedRun(first.merged(id, started, ended), entries, offset);
        }
    }
}
