package dev.turnstile.localstage.profile;

import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment that points the AWS SDKs and the AWS CLI at a running local stage, as {@code export} lines a shell
 * can {@code eval}: the standard service-specific endpoint variables ({@code AWS_ENDPOINT_URL_<SERVICE>}, read by the
 * AWS SDK for Java v2 since 2.21 and by the AWS CLI), the region and dummy credentials (the local faces accept any
 * signature). With them, {@code -Dturnstile.stack=<stack>} discovers the local stack through the same code as on AWS
 * (README "Rehearse the deployed path", docs/aws-behaviour.md §10).
 */
public final class AwsEndpointVariables {

    /** The file beside {@code stage.json} the stage writes them to. */
    public static final String FILE = "aws-env.sh";
    /** The dummy credentials exported (any value works; these say where they came from). */
    public static final String DUMMY_KEY = "turnstile-local";

    /** SDK variable → profile endpoint name. */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("AWS_ENDPOINT_URL_CLOUDFORMATION", "cloudformation");
        SERVICES.put("AWS_ENDPOINT_URL_API_GATEWAY", "apigateway");
        SERVICES.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "logs");
        SERVICES.put("AWS_ENDPOINT_URL_CLOUDWATCH", "cloudwatch");
        SERVICES.put("AWS_ENDPOINT_URL_LAMBDA", "lambda");
        SERVICES.put("AWS_ENDPOINT_URL_DYNAMODB", "dynamodb");
    }

    private AwsEndpointVariables() {
    }

    /** The variables for a local stage's profile, in a stable order. */
    public static Map<String, String> of(StageProfile profile) {
        if (!profile.isLocal()) {
            throw new IllegalArgumentException("endpoint variables are for a local stage, not a profile of kind "
                    + profile.kind());
        }
        Map<String, String> out = new LinkedHashMap<>();
        SERVICES.forEach((variable, service) -> out.put(variable, profile.endpoint(service).orElseThrow(() ->
                new IllegalStateException("the stage profile has no " + service + " endpoint: " + profile.endpoints()))));
        out.put("AWS_REGION", profile.region());
        out.put("AWS_DEFAULT_REGION", profile.region());
        out.put("AWS_ACCESS_KEY_ID", DUMMY_KEY);
        out.put("AWS_SECRET_ACCESS_KEY", DUMMY_KEY);
        return out;
    }

    /** {@code export NAME=value} lines (values are URLs, region names and the dummy key: nothing to quote). */
    public static String exports(StageProfile profile) {
        StringBuilder out = new StringBuilder("# Turnstile local stage " + profile.invokeUrl()
                + " - eval these to run -Dturnstile.stack=<stack> against it\n");
        of(profile).forEach((k, v) -> out.append("export ").append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** Writes {@link #exports} to {@code dataDir/aws-env.sh}. */
    public static Path write(StageProfile profile, Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.writeString(file, exports(profile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
