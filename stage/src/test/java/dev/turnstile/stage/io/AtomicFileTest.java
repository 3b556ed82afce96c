package dev.turnstile.stage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.io.AtomicFile.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a/b/stage.json");

        AtomicFile.writeString(file, "{\"kind\":\"local\"}");
        AtomicFile.write(file, "é".getBytes(StandardCharsets.UTF_8), Durability.DURABLE);

        assertThat(Files.readString(file)).isEqualTo("é");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theFileIsTheOwnersOnly() throws IOException {
        Path file = dir.resolve("ids.json");
        AtomicFile.write(file, new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void aFailedMoveKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = dir.resolve("report.html");
        Files.createDirectories(target.resolve("not-empty"));
        Files.writeString(target.resolve("not-empty/keep.txt"), "old");

        // a non-empty directory cannot be replaced by a move
        assertThatThrownBy(() -> AtomicFile.writeString(target, "new")).isInstanceOf(FileSystemException.class);

        assertThat(Files.readString(target.resolve("not-empty/keep.txt"))).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
