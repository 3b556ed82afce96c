package dev.turnstile.simulations.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.stage.io.AtomicFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulation's verdict ({@code verdict.json}): what the usage plan says should have happened, what the ledger
 * shows did, and one line per failed check naming the simulation, the expected band and the observed count.
 *
 * @param simulation simulation name
 * @param runId      the run judged (a merged run for several injectors)
 * @param pass       true when every check held
 * @param expected   the expectations, by name
 * @param observed   the observations, by name
 * @param failures   one message per failed check
 * @param crossCheck the cross-check's failure lines (empty when it passed), null when it was not run
 * @param gatlingReport Gatling's report folder, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(String simulation, String runId, boolean pass, Map<String, Object> expected,
                      Map<String, Object> observed, List<String> failures, List<String> crossCheck,
                      String gatlingReport) {

    /** File name inside the run folder. */
    public static final String FILE = "verdict.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** This verdict with the cross-check's failure lines folded in (a failed cross-check fails the verdict). */
    public Verdict withCrossCheck(List<String> crossCheckFailures, String report) {
        List<String> all = new ArrayList<>(failures);
        crossCheckFailures.forEach(f -> all.add(simulation + ": cross-check: " + f));
        return new Verdict(simulation, runId, all.isEmpty(), expected, observed, List.copyOf(all),
                List.copyOf(crossCheckFailures), report);
    }

    /** This verdict failed by one more message. */
    public Verdict withFailure(String message) {
        List<String> all = new ArrayList<>(failures);
        all.add(simulation + ": " + message);
        return new Verdict(simulation, runId, false, expected, observed, List.copyOf(all), crossCheck, gatlingReport);
    }

    public Path write(Path runDir) {
        return AtomicFile.writeJson(runDir.resolve(FILE), JSON, this);
    }

    /** Collects expectations, observations and failures while a judge works through the checks. */
    public static final class Builder {
        private final String simulation;
        private final String runId;
        private final Map<String, Object> expected = new LinkedHashMap<>();
        private final Map<String, Object> observed = new LinkedHashMap<>();
        private final List<String> failures = new ArrayList<>();

        public Builder(String simulation, String runId) {
            this.simulation = simulation;
            this.runId = runId;
        }

        public Builder expected(String name, Object value) {
            expected.put(name, value);
            return this;
        }

        public Builder observed(String name, Object value) {
            observed.put(name, value);
            return this;
        }

        /** Records a check: when {@code holds} is false, the failure line names the simulation and {@code message}. */
        public Builder check(boolean holds, String message) {
            if (!holds) {
                failures.add(simulation + ": " + message);
            }
            return this;
        }

        public Verdict build() {
            return new Verdict(simulation, runId, failures.isEmpty(), new LinkedHashMap<>(expected), new LinkedHashMap<>(observed), List.copyOf(failures), null, null);
        }
    }
}
