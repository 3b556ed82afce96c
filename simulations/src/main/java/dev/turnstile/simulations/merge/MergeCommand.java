package dev.turnstile.simulations.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.clock.ClockState;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.CloudWatchLogReader;
import dev.turnstile.conformance.crosscheck.CrossCheck;
import dev.turnstile.conformance.crosscheck.CrossCheckReport;
import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
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
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
        // the injectors' ledgers are streamed into the merged one, which every later step streams again: no step
        // holds the run's entries (issue 16)
        Path ledgerFile = dir.resolve("ledger.jsonl");
        Span span = merged.write(ledgerFile);
        merged.spec().write(dir);
        LedgerSource entries = LedgerSource.of(ledgerFile);

        CrossCheckReport check;
        DecisionTimes times;
        try (StageClients clients = new StageClients(profile)) {
            StageTimeline timeline = new StageTimeline();
            timeline.observe(span.first(), new ClockState(span.first() + merged.clockOffsetMs(), null, false));
            // the cross-check first: it waits until the access log holds every request, whose times the judge reads
            check = CrossCheck.forStage(profile, clients).run(merged.spec().runId(), entries, timeline);
            times = DecisionTimes.read(profile, CloudWatchLogReader.forStage(profile, clients.logs()), timeline,
                    entries);
        }
        check.write(dir);
        Verdict verdict = Judge.forSimulation(merged.spec().simulation()).judge(merged.spec(),
                Judge.measured(entries), times);
        verdict = verdict.withCrossCheck(check.failures(), null);
        if ("Capacity".equals(merged.spec().simulation())) {
            CapacitySteps.write(dir, CapacitySteps.of(entries.toList()));
        }
        verdict.write(dir); // before the report, which lists the run folder's verdicts
        String report;
        try {
            long offset = merged.clockOffsetMs();
            report = CapacityReport.generate(ReportRequest.builder(profile,
                    Instant.ofEpochMilli(span.first() + Math.min(0, offset) - 1_000),
                    Instant.ofEpochMilli(span.last() + Math.max(0, offset) + 3_000)).run(dir).outDir(dir).build())
                    .html().toString();
        } catch (RuntimeException e) {
            report = "not written: " + e.getMessage();
            verdict = verdict.withFailure("the capacity report could not be written: " + e.getMessage());
            verdict.write(dir);
        }
        Summary.print(System.out, verdict, check, dir, report);
        return verdict.pass() ? 0 : 1;
    }

    /** The merged ledger's entries, first send and last answer (0, 0 for none). */
    public record Span(long entries, long first, long last) { }

    /** The injectors' runs checked for belonging together; their ledgers are read only when merged. */
    public record MergedRun(RunSpec spec, List<Path> ledgers, long clockOffsetMs) {

        /** The run folders checked for being the injectors of one run. */
        public static MergedRun of(List<Path> runDirs) {
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
            List<Path> ledgers = runDirs.stream().map(d -> d.resolve("ledger.jsonl")).toList();
            for (Path ledger : ledgers) {
                if (!Files.isRegularFile(ledger)) {
                    throw new IllegalArgumentException("ledger not found: " + ledger.toAbsolutePath());
                }
            }
            long started = specs.stream().mapToLong(RunSpec::startedMs).min().orElse(0);
            long ended = specs.stream().mapToLong(RunSpec::endedMs).max().orElse(0);
            String id = Ledger.newRunId(first.simulation() + "-merged");
            long offset = specs.stream().mapToLong(RunSpec::clockOffsetMs).max().orElse(0);
            return new MergedRun(first.merged(id, started, ended), ledgers, offset);
        }

        /**
         * Calls {@code action} with the injectors' entries merged by send time: each step takes the earliest head of
         * the injectors' ledgers (a k-way merge, one entry per injector in memory), so ledgers that are each in
         * time order merge into one in time order. A ledger is appended as answers arrive, so an injector's own
         * order may differ from its send order by a latency; no later step depends on the order.
         */
        void forEach(Consumer<LedgerEntry> action) {
            List<LedgerSource.Cursor> cursors = new ArrayList<>();
            try {
                PriorityQueue<Head> heads = new PriorityQueue<>();
                for (Path ledger : ledgers) {
                    LedgerSource.Cursor cursor = new LedgerSource.Cursor(ledger);
                    cursors.add(cursor);
                    LedgerEntry e = cursor.next();
                    if (e != null) {
                        heads.add(new Head(e, cursors.size() - 1));
                    }
                }
                while (!heads.isEmpty()) {
                    Head head = heads.poll();
                    action.accept(head.entry());
                    LedgerEntry next = cursors.get(head.injector()).next();
                    if (next != null) {
                        heads.add(new Head(next, head.injector()));
                    }
                }
            } finally {
                cursors.forEach(LedgerSource.Cursor::close);
            }
        }

        /** The merged entries in a list (tests; runs of a few thousand). */
        List<LedgerEntry> entries() {
            List<LedgerEntry> out = new ArrayList<>();
            forEach(out::add);
            return out;
        }

        /** Writes the merged ledger to {@code file}, entry by entry, and returns its span. */
        public Span write(Path file) {
            long[] span = {0, Long.MAX_VALUE, Long.MIN_VALUE};
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    forEach(e -> {
                        try {
                            w.write(JSON.writeValueAsString(e));
                            w.write('\n');
                        } catch (IOException ex) {
                            throw new UncheckedIOException("cannot write ledger " + file, ex);
                        }
                        span[0]++;
                        span[1] = Math.min(span[1], e.timeMs());
                        span[2] = Math.max(span[2], e.timeMs() + e.latencyMs());
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write ledger " + file, e);
            }
            return span[0] == 0 ? new Span(0, 0, 0) : new Span(span[0], span[1], span[2]);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One injector's next entry in the merge. */
    private record Head(LedgerEntry entry, int injector) implements Comparable<Head> {
        @Override
        public int compareTo(Head o) {
            int byTime = Long.compare(entry.timeMs(), o.entry.timeMs());
            return byTime != 0 ? byTime : Integer.compare(injector, o.injector);
        }
    }
}
