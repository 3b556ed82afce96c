package dev.turnstile.localstage.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the stage's backends — Lambda execution environments and dynalite — at a lower CPU priority than the gateway.
 * On AWS the front door and the functions run on different machines, so a spike's throttle decisions are made as the
 * requests arrive. On one 2-core machine the admitted requests' writers and DynamoDB would otherwise take the CPU the
 * gateway needs to read the rest of the spike; its later requests then reach the usage-plan step late, tokens refill
 * meanwhile, and the stage admits more than API Gateway would. {@code nice} leaves the backends all the CPU the gateway
 * does not use. It execs its command, so the process id stays the backend's own.
 */
public final class BackendPriority {

    /** How much lower than the gateway (nice increment). */
    static final int NICE = 10;

    private static final List<String> PREFIX = find();

    private BackendPriority() {
    }

    /** {@code command} prefixed with {@code nice -n 10} where {@code nice} is on the PATH, else unchanged. */
    public static List<String> lowered(List<String> command) {
        List<String> out = new ArrayList<>(PREFIX);
        out.addAll(command);
        return out;
    }

    private static List<String> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return List.of();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path nice = Path.of(dir, "nice");
            if (Files.isExecutable(nice)) {
                return List.of(nice.toString(), "-n", Integer.toString(NICE));
            }
        }
        return List.of();
    }
}
