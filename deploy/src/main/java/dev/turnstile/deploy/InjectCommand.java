package dev.turnstile.deploy;

import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.simulations.InjectorShare;
import dev.turnstile.stage.selection.StageSelection;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One injector of a multi-injector run, as a pod of an Indexed Job runs it: the pod's completion index
 * ({@code JOB_COMPLETION_INDEX}, which the Job controller sets in every container of an Indexed Job's pods) becomes
 * {@code -Dturnstile.injector}, {@code --injectors} becomes {@code -Dturnstile.injectors}, and Gatling runs the
 * simulation in this JVM with the working directory as its module folder: the run folder lands in
 * {@code target/turnstile/runs/}, Gatling's report in {@code target/gatling/}, then {@code injector.json} says it
 * ended. Further simulation knobs come as JVM flags ({@code JAVA_TOOL_OPTIONS=-Dturnstile.throttle.duration=PT60S}).
 */
@Command(name = "inject", mixinStandardHelpOptions = true,
        description = "Run this pod's share of a simulation (index from JOB_COMPLETION_INDEX) into the working directory.")
final class InjectCommand implements Callable<Integer> {

    /** The variable the Job controller sets to the pod's completion index (kubernetes.io, Indexed Job). */
    static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

    @Option(names = "--simulation", required = true, description = "Smoke, ThrottleRate, Burst, …: the simulation's name")
    String simulation;

    @Option(names = "--injectors", required = true, description = "how many injectors share the run (the Job's completions)")
    int injectors;

    @ArgGroup(multiplicity = "1")
    StageChoice stage;

    /** The stage: a profile file (a mounted Secret) or a stack to discover. */
    static final class StageChoice {
        @Option(names = "--stage", description = "the stage profile, stage.json") Path profile;
        @Option(names = "--stack", description = "a deployed stack to discover (AWS default credentials)") String stack;
    }

    /** The process environment; a test gives its own. */
    Map<String, String> environment = System.getenv();

    /** The working directory; a test gives its own (Gatling's own paths are relative to the real one). */
    Path workDir = Path.of("").toAbsolutePath();

    @Override
    public Integer call() {
        if (InjectorMarker.read(workDir).isPresent()) {
            throw new IllegalArgumentException(workDir + " already holds a finished injector (" + InjectorMarker.FILE
                    + "): give the run a new name (ConfigMap turnstile-run, key run)");
        }
        String simulationClass = simulationClass(simulation);
        Properties properties = properties(environment, injectors, stage);
        properties.forEach((k, v) -> System.setProperty((String) k, (String) v));
        int index = Integer.parseInt(properties.getProperty("turnstile.injector"));
        int status;
        String error = null;
        try {
            status = Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulationClass,
                "--results-folder", workDir.resolve("target").resolve("gatling").toString(),
                "--launcher", "turnstile-job",
                "--build-tool-version", "0"});
        } catch (RuntimeException e) {
            status = 1;
            error = e.toString();
        }
        String runDir = runFolder(workDir, simulation, index).map(d -> workDir.relativize(d).toString()).orElse(null);
        new InjectorMarker(simulation, injectors, index, runDir, status, error, System.currentTimeMillis()).write(workDir);
        System.out.println("Turnstile injector " + index + " of " + injectors + ": Gatling status " + status
                + (runDir == null ? ", no run folder" : ", run folder " + runDir));
        return status;
    }

    /**
     * The system properties this injector's simulation reads: its share ({@code turnstile.injectors},
     * {@code turnstile.injector} from {@code JOB_COMPLETION_INDEX}) and its stage ({@code turnstile.stage} or
     * {@code turnstile.stack}). A single injector needs no index.
     */
    static Properties properties(Map<String, String> environment, int injectors, StageChoice stage) {
        String raw = environment.get(INDEX_VARIABLE);
        int index;
        if (raw == null || raw.isBlank()) {
            if (injectors != 1) {
                throw new IllegalArgumentException(INDEX_VARIABLE + " is not set: run as a pod of an Indexed Job "
                        + "(completionMode: Indexed), or set it to this injector's index 0.." + (injectors - 1));
            }
            index = 0;
        } else {
            try {
                index = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(INDEX_VARIABLE + " must be a whole number, got " + raw, e);
            }
        }
        if (index < 0 || index >= injectors) {
            throw new IllegalArgumentException(INDEX_VARIABLE + "=" + index + " is not an injector of " + injectors
                    + ": the Job's completions and --injectors must be equal");
        }
        InjectorShare share = new InjectorShare(injectors, index);
        Properties properties = new Properties();
        properties.setProperty("turnstile.injectors", Integer.toString(share.count()));
        properties.setProperty("turnstile.injector", Integer.toString(share.index()));
        if (stage.profile != null) {
            properties.setProperty(StageSelection.STAGE_PROPERTY, stage.profile.toAbsolutePath().toString());
        } else {
            properties.setProperty(StageSelection.STACK_PROPERTY, stage.stack);
        }
        return properties;
    }

    /** The Gatling class of a simulation name, as the simulations module's {@code -Dturnstile.simulation} maps it. */
    static String simulationClass(String simulation) {
        String name = "dev.turnstile.simulations." + simulation + "Simulation";
        try {
            Class.forName(name, false, InjectCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no simulation " + simulation + " (no class " + name + ")", e);
        }
        return name;
    }

    /** This injector's run folder: the newest {@code <simulation>-i<index>-…} with a {@code run.json}. */
    static Optional<Path> runFolder(Path workDir, String simulation, int index) {
        Path runs = workDir.resolve(Ledger.DEFAULT_RUNS_DIR);
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        String prefix = simulation + "-i" + index + "-";
        try (Stream<Path> list = Files.list(runs)) {
            return list.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> Files.isRegularFile(d.resolve("run.json")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
    }
}
