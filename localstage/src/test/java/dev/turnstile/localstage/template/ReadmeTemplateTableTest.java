package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of refusals and {@link TemplateRefusalTest}'s cases agree both ways: every row has a case whose
 * message it describes, and every case's message is described by a row (a {@code <…>} in a row stands for any text).
 */
class ReadmeTemplateTableTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
    private static final Pattern LAST_CODE_CELL = Pattern.compile("`([^`]+)`\\s*\\|\\s*$");

    /** One refusal row: the README text of its message and that message as a pattern. */
    private record Row(String text, Pattern pattern) { }

    private static List<Row> rows() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("<!-- refusals:start -->");
        int end = readme.indexOf("<!-- refusals:end -->");
        assertThat(start).as("the refusal table's start marker in " + README.toAbsolutePath()).isPositive();
        assertThat(end).as("the refusal table's end marker").isGreaterThan(start);
        List<Row> rows = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            Matcher m = LAST_CODE_CELL.matcher(line);
            if (line.startsWith("| ") && m.find()) {
                rows.add(new Row(m.group(1), toPattern(m.group(1))));
            }
        }
        return rows;
    }

    private static Pattern toPattern(String message) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(message);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(message.substring(last, m.start()))).append(".+");
            last = m.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(message.substring(last))).toString());
    }

    private static List<String> caseMessages() {
        return TemplateRefusalTest.cases("refusals.txt").stream().map(TemplateRefusalTest.Case::message).toList();
    }

    @Test
    void theTableHasItsRows() throws IOException {
        assertThat(rows()).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void everyRowHasACase() throws IOException {
        List<String> messages = caseMessages();
        for (Row row : rows()) {
            assertThat(messages).as("a TemplateRefusalTest case for the README row `%s`", row.text())
                    .anyMatch(message -> row.pattern().matcher(message).matches());
        }
    }

    @Test
    void everyCaseHasARow() throws IOException {
        List<Row> rows = rows();
        for (String message : caseMessages()) {
            assertThat(rows).as("a README refusal row describing `%s`", message)
                    .anyMatch(row -> row.pattern().matcher(message).matches());
        }
    }
}
