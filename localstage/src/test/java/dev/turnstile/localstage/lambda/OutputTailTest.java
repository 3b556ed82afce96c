package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTailTest {

    @TempDir
    Path dir;

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void drainKeepsAPartialLineAndDrainAllDeliversIt() throws Exception {
        Path file = Files.createFile(dir.resolve("out"));
        List<String> lines = new ArrayList<>();
        try (OutputTail tail = new OutputTail(file, lines::add)) {
            append(file, "first\r\nwriter: stored item a");
            tail.drain();
            assertThat(lines).containsExactly("first");

            tail.drainAll(); // the invocation ended: its unterminated log call is its own line
            assertThat(lines).containsExactly("first", "writer: stored item a");

            append(file, "writer: stored item b");
            tail.drainAll();
            assertThat(lines).containsExactly("first", "writer: stored item a", "writer: stored item b");
        }
        assertThat(lines).hasSize(3); // close delivers nothing twice
    }
}
