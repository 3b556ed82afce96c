package dev.turnstile.bench.scale;

import dev.turnstile.conformance.clock.ClockState;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.CloudWatchLogReader;
import dev.turnstile.conformance.crosscheck.CrossCheck;
import dev.turnstile.conformance.crosscheck.CrossCheckReport;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.reports.CapacityReport;
import dev.turnstile.reports.ReportRequest;
import dev.turnstile.simulations.merge.MergeCommand;
import dev.turnstile.simulations.verdict.DecisionTimes;
import dev.turnstile.simulations.verdict.Judge;
import dev.turnstile.simulations.verdict.Verdict;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scaling benchmark's steps, one after another in one JVM, each timed with its peak heap and its AWS calls
 * (bench/README.md, "Scaling"): merging the injectors' ledgers, cross-checking (items, access log, authorizer log,
 * metrics), judging (the access log's decision times and the verdict) and the capacity report over the access log.
 * The same classes the merge command calls, with the same inputs; run with {@code -Xmx512m}. The peak heap is the
 * largest heap in use seen by a sampler every 10 ms (garbage included, as a GC log's "before" figure); "live" is
 * the heap after a full GC at the end of the step, i.e. what the step kept.
 *
 * <pre>
 * java -Xmx512m -cp … dev.turnstile.bench.scale.ScaleSteps --stage data/stage.json --out merged runs/ThrottleRate-i*
 * </pre>
 */
@Command(name = "scale-steps", mixinStandardHelpOptions = true,
        description = "Time the merge, cross-check, judge and capacity report of a run, step by step.")
public final class ScaleSteps implements Callable<Integer> {

    @Option(names = "--stage", required = true, description = "the stage profile") Path stage;
    @Option(names = "--out", required = true, description = "where the merged run folder goes") Path out;
    @Option(names = "--items", description = "how the cross-check reads items: batch or scan (the stage's default)")
    String items;
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR") List<Path> runs;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleSteps()).execute(args));
    }

    @Override
    public Integer call() {
        StageProfile profile = StageProfile.read(stage);
        if (items != null) {
            System.setProperty(CrossCheck.ITEMS_PROPERTY, items);
        } else {
            items = profile.isLocal() ? "scan" : "batch";
        }
        MergeCommand.MergedRun merged = MergeCommand.MergedRun.of(runs);
        Path dir = out.resolve(merged.spec().runId());
        Path ledger = dir.resolve("ledger.jsonl");
        MergeCommand.Span span = step("merge", () -> merged.write(ledger));
        merged.spec().write(dir);
        LedgerSource entries = LedgerSource.of(ledger);
        try (StageClients clients = new StageClients(profile)) {
            StageTimeline timeline = new StageTimeline();
            timeline.observe(span.first(), new ClockState(span.first() + merged.clockOffsetMs(), null, false));
            CrossCheckReport check = step("cross-check (items by " + items + ")",
                    () -> CrossCheck.forStage(profile, clients).run(merged.spec().runId(), entries, timeline));
            System.out.println("  cross-check " + (check.passed() ? "PASS" : "FAIL") + ": " + check.failures());
            Verdict verdict = step("judge", () -> {
                DecisionTimes times = DecisionTimes.read(profile, CloudWatchLogReader.forStage(profile, clients.logs()),
                        timeline, entries);
                return Judge.forSimulation(merged.spec().simulation()).judge(merged.spec(), Judge.measured(entries),
                        times);
            });
            System.out.println("  verdict " + (verdict.pass() ? "PASS" : "FAIL") + ": " + verdict.failures());
            verdict.write(dir);
        }
        long offset = merged.clockOffsetMs();
        step("capacity report (access log)", () -> CapacityReport.generate(ReportRequest.builder(profile,
                Instant.ofEpochMilli(span.first() + Math.min(0, offset) - 1_000),
                Instant.ofEpochMilli(span.last() + Math.max(0, offset) + 3_000)).run(dir).outDir(dir).build()));
        System.out.println("requests " + span.entries());
        return 0;
    }

    private static <T> T step(String name, Supplier<T> work) {
        System.gc();
        long liveBefore = MEMORY.getHeapMemoryUsage().getUsed();
        Map<String, Long> callsBefore = AwsCallCounter.counts();
        AtomicLong peak = new AtomicLong(liveBefore);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        T result = work.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        System.gc();
        long live = MEMORY.getHeapMemoryUsage().getUsed();
        Map<String, Long> callsAfter = AwsCallCounter.counts();
        StringBuilder calls = new StringBuilder();
        callsAfter.forEach((op, n) -> {
            long d = n - callsBefore.getOrDefault(op, 0L);
            if (d > 0 && !"total".equals(op)) {
                calls.append(calls.isEmpty() ? "" : ", ").append(d).append(' ').append(op);
            }
        });
        long total = callsAfter.get("total") - callsBefore.getOrDefault("total", 0L);
        System.out.printf(Locale.ROOT, "STEP %-32s %8.1f s  peak heap %5d MB  live after %4d MB  AWS calls %d (%s)%n",
                name, seconds, peak.get() >> 20, Math.max(0, live - liveBefore) >> 20, total, calls);
        return result;
    }
}
