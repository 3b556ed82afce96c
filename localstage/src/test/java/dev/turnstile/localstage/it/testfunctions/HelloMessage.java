package dev.turnstile.localstage.it.testfunctions;

/** The Hello World function's body, in its own class so the test can ship it as a dependency jar in {@code lib/}. */
public final class HelloMessage {

    private HelloMessage() {
    }

    /** {@code {"message":…,"table":…,"trace":…,"eventTrace":…}}, null values as JSON null. */
    public static String json(String message, String table, String trace, String eventTrace) {
        return "{\"message\":" + quote(message) + ",\"table\":" + quote(table) + ",\"trace\":" + quote(trace)
                + ",\"eventTrace\":" + quote(eventTrace) + "}";
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
