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
 */
public record DynamoDbSettings(URI externalEndpoint, Path dynaliteHome, Path dataDir, String region, Path node,
                               Duration startTimeout) {

    public DynamoDbSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(startTimeout, "startTimeout");
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
