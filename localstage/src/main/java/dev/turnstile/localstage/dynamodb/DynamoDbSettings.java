package dev.turnstile.localstage.dynamodb;

import dev.turnstile.localstage.LocalStageOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the local stage gets its DynamoDB.
 *
 * @param externalEndpoint an existing DynamoDB-compatible endpoint (tables are only created there), or null to
 *                         supervise dynalite
 * @param dynaliteHome     folder holding {@code node_modules/dynalite/cli.js}
 * @param dataDir          the stage's data directory (dynalite stores in {@code dynamodb/}, logs to {@code dynamodb.log})
 * @param region           region for the SDK client
 * @param node             the node executable, or null to search the PATH
 * @param startTimeout     how long to wait for dynalite to answer and for tables to become ACTIVE
 * @param watch            how the running DynamoDB is probed
 */
public record DynamoDbSettings(URI externalEndpoint, Path dynaliteHome, Path dataDir, String region, Path node,
                               Duration startTimeout, Watch watch) {

    /**
     * The health probe: a {@code ListTables} every {@code interval}, each bounded by {@code probeTimeout};
     * {@code failures} failed probes in a row mean a dynalite that is stopped or hung (it is then killed and started
     * again). Its death is noticed at the next probe whatever these are.
     */
    public record Watch(Duration interval, Duration probeTimeout, int failures) {
        /** Every 500 ms, 2 s per probe, 3 in a row: a hung dynalite is replaced within about 7 s. */
        public static final Watch DEFAULT = new Watch(Duration.ofMillis(500), Duration.ofSeconds(2), 3);

        public Watch {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(probeTimeout, "probeTimeout");
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1, got " + failures);
            }
        }
    }

    /** Settings with the default {@link Watch}. */
    public DynamoDbSettings(URI externalEndpoint, Path dynaliteHome, Path dataDir, String region, Path node,
                            Duration startTimeout) {
        this(externalEndpoint, dynaliteHome, dataDir, region, node, startTimeout, Watch.DEFAULT);
    }

    public DynamoDbSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(watch, "watch");
        if (externalEndpoint == null) {
            Objects.requireNonNull(dynaliteHome, "dynaliteHome");
        }
    }

    /** Settings from the stage options: dynalite home defaults to {@code <template folder>/../localstage/dynalite}. */
    public static DynamoDbSettings from(LocalStageOptions options) {
        Path home = options.dynaliteHome() != null ? options.dynaliteHome()
                : options.template().toAbsolutePath().getParent().resolve("../localstage/dynalite").normalize();
        return new DynamoDbSettings(options.dynamoDbEndpoint(), home, options.dataDir(), options.region(), null,
                Duration.ofSeconds(30));
    }
}
