package dev.turnstile.localstage.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One {@code kB} field of a Linux {@code /proc/<pid>/status} file, read without splitting it into lines. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** The value of {@code field} (e.g. {@code "VmHWM:"}) in kB, or -1 when the file has no such field. */
    static long valueKb(Path statusFile, String field) throws IOException {
        byte[] content = Files.readAllBytes(statusFile);
        byte[] name = field.getBytes(StandardCharsets.US_ASCII);
        for (int line = 0; line < content.length; line = next(content, line)) {
            if (startsWith(content, line, name)) {
                long value = -1;
                for (int i = line + name.length; i < content.length && content[i] != '\n'; i++) {
                    byte b = content[i];
                    if (b >= '0' && b <= '9') {
                        value = (value < 0 ? 0 : value * 10) + (b - '0');
                    }
                }
                return value;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (at + prefix.length > content.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index just after the next newline at or after {@code from}. */
    private static int next(byte[] content, int from) {
        int i = from;
        while (i < content.length && content[i] != '\n') {
            i++;
        }
        return i + 1;
    }
}
