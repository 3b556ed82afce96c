package dev.turnstile.reports.input;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.ledger.LedgerEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * @param ledger   ledger entries in file order
 * @param verdicts verdicts
 * @param steps    capacity steps (empty unless this was the Capacity simulation)
 */
public record RunFolder(Path dir, String runId, List<LedgerEntry> ledger, List<RunVerdict> verdicts,
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
        return new RunFolder(dir, dir.getFileName().toString(), ledger(dir.resolve(LEDGER)),
                verdicts(dir.resolve(VERDICT)), steps(dir.resolve(CAPACITY_STEPS)));
    }

    private static List<LedgerEntry> ledger(Path file) {
        List<LedgerEntry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, LedgerEntry.class));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + n + " is not a ledger entry: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
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
