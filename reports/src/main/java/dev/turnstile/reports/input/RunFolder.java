package dev.turnstile.reports.input;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.ledger.LedgerSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run folder ({@code target/turnstile/runs/<run-id>/}): its ledger ({@code ledger.jsonl}), its verdicts
 * ({@code verdict.json}, one object or an array) and the Capacity simulation's {@code capacity-steps.json}.
 * Every file is optional; a file that exists but cannot be read is an error naming the file and line.
 *
 * @param dir      the folder
 * @param runId    the folder name
 * @param ledger   the ledger, streamed on every read (a merged run may hold millions of entries; issue 16)
 * @param requests ledger entries (counted in one streaming pass)
 * @param verdicts verdicts
 * @param steps    capacity steps (empty unless this was the Capacity simulation)
 */
public record RunFolder(Path dir, String runId, LedgerSource ledger, long requests, List<RunVerdict> verdicts,
                        List<CapacityStep> steps) {

    /** File names inside a run folder. */
    public static final String LEDGER = "ledger.jsonl";
    /** Verdict file. */
    public static final String VERDICT = "verdict.json";
    /** Capacity simulation steps. */
    public static final String CAPACITY_STEPS = "capacity-steps.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Reads a run folder; a missing folder is a clear error. */
    public static RunFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run folder not found: " + dir.toAbsolutePath());
        }
        Path file = dir.resolve(LEDGER);
        LedgerSource ledger = Files.isRegularFile(file) ? LedgerSource.of(file) : LedgerSource.of(List.of());
        return new RunFolder(dir, dir.getFileName().toString(), ledger, ledger.count(),
                verdicts(dir.resolve(VERDICT)), steps(dir.resolve(CAPACITY_STEPS)));
    }

    private static List<RunVerdict> verdicts(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode node = tree(file);
        List<RunVerdict> out = new ArrayList<>();
        for (JsonNode v : node.isArray() ? node : List.of(node)) {
            if (!v.isObject()) {
                throw new IllegalArgumentException(file + " holds a non-object verdict: " + v);
            }
            out.add(JSON.convertValue(v, RunVerdict.class));
        }
        return out;
    }

    private static List<CapacityStep> steps(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode node = tree(file);
        if (!node.isArray()) {
            throw new IllegalArgumentException(file + " must be a JSON array of capacity steps");
        }
        try {
            return JSON.convertValue(node, new TypeReference<List<CapacityStep>>() { });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a list of capacity steps: " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
