package dev.turnstile.stage.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code sam/template.yaml} by walking up from a directory (the module folder under Maven, or the root). */
public final class TemplateLocator {

    static final Path RELATIVE = Path.of("sam", "template.yaml");

    private TemplateLocator() {
    }

    /** The nearest {@code sam/template.yaml} at or above {@code start}; an error naming {@code start} if none. */
    public static Path find(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no sam/template.yaml found in " + dir + " or any parent folder; run from the "
                + "Turnstile checkout or pass -Dturnstile.stage=path/to/stage.json");
    }
}
