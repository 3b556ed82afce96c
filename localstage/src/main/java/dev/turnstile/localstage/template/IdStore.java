package dev.turnstile.localstage.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.stage.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The generated ids of a data directory ({@code state/ids.json}): rest api, resource, authorizer, usage plan and
 * API key ids, key values and name suffixes, created once and reused on every later start so URLs, keys and
 * names stay the same across restarts. Written atomically (temp file + move).
 */
public final class IdStore {

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, String> ids;
    private final Set<String> used;
    private final SecureRandom random = new SecureRandom();
    private boolean dirty;

    private IdStore(Path file, Map<String, String> ids) {
        this.file = file;
        this.ids = ids;
        this.used = new HashSet<>(ids.values());
    }

    /** Opens (or starts) the id file of a data directory. */
    public static IdStore open(Path dataDir) {
        Path file = dataDir.resolve("state").resolve("ids.json");
        if (!Files.exists(file)) {
            return new IdStore(file, new TreeMap<>());
        }
        try {
            Map<String, String> ids = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
            return new IdStore(file, ids);
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + " (delete it to generate new ids): " + e.getMessage(), e);
        }
    }

    /** A lowercase alphanumeric id of the given length (rest api 10, resource/authorizer/plan 6, key 10). */
    public String lowerId(String key, int length) {
        return get(key, LOWER, length);
    }

    /** An uppercase alphanumeric suffix, as CloudFormation appends to generated physical names. */
    public String upperId(String key, int length) {
        return get(key, UPPER, length);
    }

    /** A mixed-case alphanumeric secret (API key values: 40 characters). */
    public String secret(String key, int length) {
        return get(key, MIXED, length);
    }

    private String get(String key, String alphabet, int length) {
        String existing = ids.get(key);
        if (existing != null) {
            return existing;
        }
        String value;
        do {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            value = sb.toString();
        } while (!used.add(value));
        ids.put(key, value);
        dirty = true;
        return value;
    }

    /** Writes new ids, if any, atomically. */
    public void save() {
        if (!dirty) {
            return;
        }
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(ids));
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
