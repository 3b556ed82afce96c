package dev.turnstile.deploy.local;

import dev.turnstile.deploy.TurnstileJob;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the Jobs of {@code deploy/kubernetes/} on this machine, as a cluster runs them once {@code kubectl apply -k}
 * created them all at once: every Job starts together, each pod is a process running the image's entrypoint
 * ({@code java -cp <this classpath> TurnstileJob}) with the container's own arguments and environment — the
 * injectors' pods with {@code JOB_COMPLETION_INDEX} set — and volumes are local folders. The merge therefore waits
 * for the injectors exactly as it does on a cluster. One difference: when a Job fails the others are stopped, where
 * on a cluster the merge would wait out its {@code --wait}.
 *
 * <pre>
 * java -cp … dev.turnstile.deploy.local.LocalJobs --secret turnstile-stage=target/stage --injectors 2 \
 *     --config simulation=ThrottleRate --config run=local-1
 * </pre>
 * Exit codes: 0 every Job completed, 1 one failed, 2 bad arguments or manifests a local run cannot honour.
 */
@Command(name = "local-jobs", mixinStandardHelpOptions = true,
        description = "Run deploy/kubernetes' Jobs here, a process per pod, against a stage on this machine.")
public final class LocalJobs implements Callable<Integer> {

    @Option(names = "--manifests", defaultValue = "deploy/kubernetes", description = "the kustomization folder")
    Path manifestsDir;

    @Option(names = "--root", defaultValue = "target/kubernetes-local",
            description = "where the volumes and the pods' logs go")
    Path root;

    @Option(names = "--secret", paramLabel = "NAME=DIR", description = "a Secret's keys as the files of DIR")
    Map<String, Path> secrets = new LinkedHashMap<>();

    @Option(names = "--injectors", description = "patch the Indexed Job's completions, parallelism and --injectors")
    Integer injectors;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "patch a ConfigMap key (simulation, run)")
    Map<String, String> config = new LinkedHashMap<>();

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalJobs())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("local-jobs failed: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        KubernetesManifests manifests = KubernetesManifests.read(manifestsDir);
        patch(manifests, config, injectors);
        Path base = root.toAbsolutePath();
        LocalVolumes volumes = new LocalVolumes(base, Map.copyOf(secrets));
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        entrypoint.addAll(TurnstileJob.JVM_FLAGS);
        entrypoint.addAll(List.of("-cp", System.getProperty("java.class.path"), TurnstileJob.class.getName()));
        List<LocalJobRun> runs = new ArrayList<>();
        for (Job job : manifests.all(Job.class)) {
            // every pod is built before anything starts, so a manifest a local run cannot honour fails at once
            LocalPod.of(job, 0, manifests, entrypoint, volumes, base.resolve("pods").resolve("check"));
            runs.add(new LocalJobRun(job, (j, index, attempt) -> LocalPod.of(j, index, manifests, entrypoint, volumes,
                    base.resolve("pods").resolve(j.getMetadata().getName() + "-" + index
                            + (attempt == 1 ? "" : "-" + attempt)))));
        }
        ExecutorService threads = Executors.newFixedThreadPool(runs.size());
        boolean completed = true;
        try {
            ExecutorCompletionService<Boolean> done = new ExecutorCompletionService<>(threads);
            Map<Future<Boolean>, LocalJobRun> byFuture = new LinkedHashMap<>();
            runs.forEach(r -> byFuture.put(done.submit(r), r));
            for (int i = 0; i < runs.size(); i++) {
                Future<Boolean> finished = done.take();
                if (!finished.get() && completed) {
                    completed = false;
                    runs.forEach(LocalJobRun::stop);
                }
            }
        } finally {
            threads.shutdownNow();
        }
        report(runs);
        return completed ? 0 : 1;
    }

    /**
     * The changes a kustomize patch would make: ConfigMap keys, and the number of injectors — the Indexed Job's
     * completions and parallelism and its container's {@code --injectors} argument, which must stay one number.
     */
    static void patch(KubernetesManifests manifests, Map<String, String> config, Integer injectors) {
        config.forEach((key, value) -> {
            List<ConfigMap> holders = manifests.all(ConfigMap.class).stream()
                    .filter(m -> m.getData().containsKey(key)).toList();
            if (holders.isEmpty()) {
                throw new IllegalArgumentException("--config " + key + ": no ConfigMap has key " + key);
            }
            holders.forEach(m -> m.getData().put(key, value));
        });
        if (injectors == null) {
            return;
        }
        if (injectors < 1) {
            throw new IllegalArgumentException("--injectors must be ≥ 1, got " + injectors);
        }
        for (Job job : manifests.all(Job.class)) {
            if (!"Indexed".equals(job.getSpec().getCompletionMode())) {
                continue;
            }
            job.getSpec().setCompletions(injectors);
            job.getSpec().setParallelism(injectors);
            for (Container c : job.getSpec().getTemplate().getSpec().getContainers()) {
                int at = c.getArgs().indexOf("--injectors");
                if (at < 0 || at + 1 >= c.getArgs().size()) {
                    throw new IllegalArgumentException("Job " + job.getMetadata().getName()
                            + " has no --injectors argument to patch");
                }
                c.getArgs().set(at + 1, Integer.toString(injectors));
            }
        }
    }

    private void report(List<LocalJobRun> runs) {
        for (LocalJobRun run : runs) {
            boolean single = run.results().stream().map(LocalJobRun.PodResult::name).distinct().count() == 1;
            for (LocalJobRun.PodResult pod : run.results()) {
                if (single) {
                    out.println("---- pod " + pod.name() + " (status " + pod.exitCode() + "), " + pod.log());
                    tail(pod.log(), Integer.MAX_VALUE).forEach(out::println);
                } else if (pod.exitCode() != 0) {
                    out.println("---- pod " + pod.name() + " (status " + pod.exitCode() + "), last lines of " + pod.log());
                    tail(pod.log(), 40).forEach(out::println);
                }
                if (Files.isRegularFile(pod.terminationLog())) {
                    out.println("---- pod " + pod.name() + " termination message:");
                    out.println(read(pod.terminationLog()));
                }
            }
        }
    }

    private static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of("(no log)");
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
