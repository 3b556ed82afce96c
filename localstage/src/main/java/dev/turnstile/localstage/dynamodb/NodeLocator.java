package dev.turnstile.localstage.dynamodb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a Node.js 20+ executable on the {@code PATH} (or at an explicit location) to run dynalite. */
final class NodeLocator {

    static final int MIN_MAJOR = 20;
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.");

    private NodeLocator() {
    }

    /** The node executable, or a {@link DynamoDbUnavailableException} telling how to proceed. */
    static Path locate(Path explicit) {
        Path node = explicit != null ? explicit : onPath();
        if (node == null) {
            throw missing("no 'node' executable was found on the PATH");
        }
        int major = major(node);
        if (major < MIN_MAJOR) {
            throw missing(node + " is Node.js " + major);
        }
        return node;
    }

    private static DynamoDbUnavailableException missing(String why) {
        return new DynamoDbUnavailableException("the local stage runs dynalite on Node.js " + MIN_MAJOR + "+, but " + why
                + ": install Node.js " + MIN_MAJOR + "+ or pass --dynamodb-endpoint URL to use another DynamoDB");
    }

    private static Path onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int major(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw missing(node + " --version failed: " + out);
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw missing(node + " --version printed '" + out + "'");
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw missing(node + " cannot be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoDbUnavailableException("interrupted while checking " + node, e);
        }
    }
}
