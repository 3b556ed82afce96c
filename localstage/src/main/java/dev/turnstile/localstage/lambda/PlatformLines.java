package dev.turnstile.localstage.lambda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** The lines the Lambda platform writes to a function's log stream, byte for byte as Lambda writes them. */
final class PlatformLines {

    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private PlatformLines() {
    }

    /** {@code YYYY/MM/DD/[$LATEST]<32 hex>}: one stream per execution environment. */
    static String streamName(LocalDate day, String environmentId) {
        return STREAM_DATE.format(day) + "/[$LATEST]" + environmentId;
    }

    /** {@code INIT_START Runtime Version: java:21.v…\tRuntime Version ARN: arn:aws:lambda:<region>::runtime:<hash>}. */
    static String initStart(String runtime, String region) {
        String version = runtime.replaceFirst("^([a-z]+)(\\d.*)$", "$1:$2") + ".v1";
        return "INIT_START Runtime Version: " + version + "\tRuntime Version ARN: arn:aws:lambda:" + region
                + "::runtime:" + sha256(runtime) + "\n";
    }

    static String start(String requestId) {
        return "START RequestId: " + requestId + " Version: $LATEST\n";
    }

    static String end(String requestId) {
        return "END RequestId: " + requestId + "\n";
    }

    /** The REPORT line; {@code initDurationMillis} is null on warm invocations. */
    static String report(String requestId, double durationMillis, int memorySizeMb, long maxMemoryUsedMb,
                         Double initDurationMillis) {
        StringBuilder line = new StringBuilder(160)
                .append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(twoDecimals(durationMillis)).append(" ms")
                .append("\tBilled Duration: ").append(billedMillis(durationMillis)).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB\t");
        if (initDurationMillis != null) {
            line.append("Init Duration: ").append(twoDecimals(initDurationMillis)).append(" ms\t");
        }
        return line.append('\n').toString();
    }

    /** {@code 2024-01-31T12:00:00.000Z <id> Task timed out after 1.00 seconds}, as Lambda logs a timeout. */
    static String timedOut(Instant at, String requestId, String message) {
        return TIMESTAMP.format(at) + " " + requestId + " " + message + "\n";
    }

    /** {@code RequestId: <id> Error: Runtime exited with error: exit status 1\nRuntime.ExitError}. */
    static String runtimeExited(String requestId, String message, String errorType) {
        return "RequestId: " + requestId + " Error: " + message + "\n" + errorType + "\n";
    }

    /**
     * {@code %.2f} of a non-negative duration (half up, as Lambda prints it), without {@link String#format}: the
     * REPORT line is written once per invocation, and the formatter's parsing was visible in the stage's profile.
     */
    static String twoDecimals(double millis) {
        long hundredths = Math.round(millis * 100);
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** Billed duration: Java managed runtimes bill per started millisecond. */
    static long billedMillis(double durationMillis) {
        return Math.max(1, (long) Math.ceil(durationMillis));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
