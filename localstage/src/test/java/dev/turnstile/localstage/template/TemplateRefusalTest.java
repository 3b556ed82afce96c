package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each data-plane feature the local stage does not emulate stops the load with a message naming it, and so does a
 * model the data plane could not serve: the template readers are the one place the model is validated. The cases
 * are edits of {@code template-cases/base.yaml}, listed in {@code template-cases/refusals.txt} and
 * {@code template-cases/invalid.txt}.
 */
class TemplateRefusalTest {

    private static final Path CASES = Path.of("src/test/resources/template-cases");

    /** One case: replace {@code from} (a marker or text of the base template) by {@code to}; expect {@code message}. */
    record Case(String from, String to, String message) {

        /** The base template with this case's edit; a marker is replaced at its own indentation. */
        String template() {
            String base = read("base.yaml");
            if (!from.startsWith("#")) {
                return replaceOnce(base, from, to);
            }
            return TemplateEdits.atMarker(base, from, to);
        }

        private static String replaceOnce(String base, String text, String replacement) {
            int at = base.indexOf(text);
            if (at < 0) {
                throw new IllegalArgumentException("base.yaml has no " + text);
            }
            return base.substring(0, at) + replacement + base.substring(at + text.length());
        }
    }

    @TempDir
    Path dir;

    static String read(String file) {
        try {
            return Files.readString(CASES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of a file: {@code from:}, {@code to:}, {@code message:} lines, blank-line separated, {@code #} comments. */
    static List<Case> cases(String file) {
        List<Case> cases = new ArrayList<>();
        for (String block : read(file).split("\n\\s*\n")) {
            String from = null;
            String to = null;
            String message = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("from: ")) {
                    from = line.substring(6);
                } else if (line.startsWith("to: ")) {
                    to = line.substring(4).replace("\\n", "\n");
                } else if (line.startsWith("message: ")) {
                    message = line.substring(9);
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    throw new IllegalArgumentException(file + ": unexpected line '" + line + "'");
                }
            }
            if (from != null || to != null || message != null) {
                if (from == null || to == null || message == null) {
                    throw new IllegalArgumentException(file + ": a case needs from, to and message: " + block);
                }
                cases.add(new Case(from, to, message));
            }
        }
        return cases;
    }

    private static Stream<Arguments> arguments(String file, Class<? extends TemplateException> type) {
        return cases(file).stream().map(c -> Arguments.of(c, type.getSimpleName(), c.message()));
    }

    /**
     * Every refusal of a valid template the local stage does not emulate ({@link UnsupportedTemplateException}), then
     * the models the data plane could not serve ({@link TemplateException}: they are wrong on AWS too).
     * {@code ReadmeTemplateTableTest} checks that the refusals and the README's refusal table agree.
     */
    static Stream<Arguments> rejections() {
        return Stream.concat(arguments("refusals.txt", UnsupportedTemplateException.class),
                arguments("invalid.txt", TemplateException.class));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("rejections")
    void rejected(Case c, String exception, String message) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, c.template());
        assertThatThrownBy(() -> TemplateLoader.load(template, Map.of(), dir, "us-east-1"))
                .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(exception))
                .hasMessage(message);
    }
}
