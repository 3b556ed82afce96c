package dev.turnstile.simulations;

/**
 * The p99 latency the Gatling assertions allow ({@code -Dturnstile.p99=MS}; default 5,000 ms — the local stage shares
 * two cores with Gatling, DynamoDB and the Lambda environments, and throttling, not latency, is under test).
 */
final class LatencyLimit {

    private LatencyLimit() {
    }

    static int millis(SimulationRun run) {
        String raw = System.getProperty("turnstile.p99");
        if (raw == null || raw.isBlank()) {
            return 5_000;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value <= 0) {
                throw new NumberFormatException("not positive");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dturnstile.p99 must be a positive whole number of ms, got " + raw, e);
        }
    }
}
