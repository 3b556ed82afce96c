package dev.turnstile.deploy.local;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One Job run on this machine as the Job controller runs it on a cluster: a pod per completion index (one pod for a
 * Job that is not Indexed), at most {@code parallelism} at once, a failed pod replaced while failures stay within
 * {@code backoffLimit}, and every pod stopped when {@code activeDeadlineSeconds} passes.
 */
final class LocalJobRun implements Callable<Boolean> {

    /** How one pod ended. */
    record PodResult(String name, int exitCode, Path log, Path terminationLog) { }

    private final Job job;
    private final PodFactory pods;
    private final PrintStream out = System.out;
    private final Map<Process, LocalPod> running = new LinkedHashMap<>();
    private final List<PodResult> results = new ArrayList<>();
    private volatile boolean stopped;

    /** Builds the pod of a completion index, its attempt ({@code 1…}) naming its folder. */
    interface PodFactory {
        LocalPod pod(Job job, int index, int attempt);
    }

    LocalJobRun(Job job, PodFactory pods) {
        this.job = job;
        this.pods = pods;
    }

    String name() {
        return job.getMetadata().getName();
    }

    /** Every pod that ended, in the order they ended. */
    synchronized List<PodResult> results() {
        return List.copyOf(results);
    }

    /** Runs the Job to its end; true when it completed. */
    @Override
    public Boolean call() throws InterruptedException {
        JobSpec spec = job.getSpec();
        int completions = spec.getCompletions() == null ? 1 : spec.getCompletions();
        int parallelism = spec.getParallelism() == null ? 1 : spec.getParallelism();
        int backoffLimit = spec.getBackoffLimit() == null ? 6 : spec.getBackoffLimit();
        long deadline = spec.getActiveDeadlineSeconds() == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(spec.getActiveDeadlineSeconds());
        Deque<Integer> pending = new ArrayDeque<>();
        for (int i = 0; i < completions; i++) {
            pending.add(i);
        }
        Map<Integer, Integer> attempts = new LinkedHashMap<>();
        int failures = 0;
        while (!pending.isEmpty() || !running.isEmpty()) {
            while (!stopped && running.size() < parallelism && !pending.isEmpty()) {
                int index = pending.poll();
                int attempt = attempts.merge(index, 1, Integer::sum);
                start(pods.pod(job, index, attempt));
            }
            if (stopped) {
                stopAll("stopped: another Job of the run failed");
                return false;
            }
            if (System.nanoTime() >= deadline) {
                stopAll("DeadlineExceeded: activeDeadlineSeconds " + spec.getActiveDeadlineSeconds() + " passed");
                return false;
            }
            for (Map.Entry<Process, LocalPod> entry : List.copyOf(running.entrySet())) {
                Process process = entry.getKey();
                if (process.isAlive()) {
                    continue;
                }
                LocalPod pod = entry.getValue();
                synchronized (this) {
                    running.remove(process);
                    results.add(new PodResult(pod.name(), process.exitValue(), log(pod), pod.terminationLog()));
                }
                out.println("local Job " + name() + ": pod " + pod.name() + " ended with status " + process.exitValue());
                if (process.exitValue() != 0) {
                    failures++;
                    if (failures > backoffLimit) {
                        stopAll("BackoffLimitExceeded: " + failures + " failed pods, backoffLimit " + backoffLimit);
                        return false;
                    }
                    pending.add(Integer.parseInt(pod.name().substring(name().length() + 1)));
                }
            }
            Thread.sleep(200);
        }
        out.println("local Job " + name() + ": Complete");
        return true;
    }

    /** Asks the Job to stop its pods (another Job of the run failed). */
    void stop() {
        stopped = true;
    }

    private void start(LocalPod pod) {
        try {
            Files.createDirectories(pod.terminationLog().getParent());
            Files.createDirectories(pod.workDir());
            ProcessBuilder builder = new ProcessBuilder(pod.arguments()).directory(pod.workDir().toFile())
                    .redirectErrorStream(true).redirectOutput(log(pod).toFile());
            builder.environment().putAll(pod.environment());
            Process process = builder.start();
            synchronized (this) {
                running.put(process, pod);
            }
            out.println("local Job " + name() + ": pod " + pod.name() + " started (pid " + process.pid() + ", log "
                    + log(pod) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pod " + pod.name(), e);
        }
    }

    private static Path log(LocalPod pod) {
        return pod.terminationLog().resolveSibling("log");
    }

    private void stopAll(String reason) throws InterruptedException {
        out.println("local Job " + name() + ": Failed (" + reason + ")");
        List<Process> processes;
        synchronized (this) {
            processes = List.copyOf(running.keySet());
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            LocalPod pod = running.get(p);
            synchronized (this) {
                results.add(new PodResult(pod.name(), p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : -1, log(pod),
                        pod.terminationLog()));
                running.remove(p);
            }
        }
    }
}
