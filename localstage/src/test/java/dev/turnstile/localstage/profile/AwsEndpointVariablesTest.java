package dev.turnstile.localstage.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export lines of a running stage, exactly, and only for local profiles. */
class AwsEndpointVariablesTest {

    private static StageProfile profile(String kind) {
        return new StageProfile(kind, "eu-west-1", "http://127.0.0.1:3000/Prod", "a1b2c3d4e5", "Prod", Map.of(
                "dynamodb", "http://127.0.0.1:4001", "logs", "http://127.0.0.1:4000", "cloudwatch", "http://127.0.0.1:4000",
                "apigateway", "http://127.0.0.1:4000", "lambda", "http://127.0.0.1:4000",
                "cloudformation", "http://127.0.0.1:4000", "admin", "http://127.0.0.1:4000"), "t", null, Map.of(),
                List.of(), List.of(), List.of(), null);
    }

    @Test
    void exportsEveryServiceTheSuiteCallsWithRegionAndDummyCredentials(@TempDir Path dir) throws Exception {
        String expected = """
                # Turnstile local stage http://127.0.0.1:3000/Prod - eval these to run -Dturnstile.stack=<stack> against it
                export AWS_ENDPOINT_URL_CLOUDFORMATION=http://127.0.0.1:4000
                export AWS_ENDPOINT_URL_API_GATEWAY=http://127.0.0.1:4000
                export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:4000
                export AWS_ENDPOINT_URL_CLOUDWATCH=http://127.0.0.1:4000
                export AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:4000
                export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:4001
                export AWS_REGION=eu-west-1
                export AWS_DEFAULT_REGION=eu-west-1
                export AWS_ACCESS_KEY_ID=turnstile-local
                export AWS_SECRET_ACCESS_KEY=turnstile-local
                """;
        assertThat(AwsEndpointVariables.exports(profile("local"))).isEqualTo(expected);
        assertThat(Files.readString(AwsEndpointVariables.write(profile("local"), dir))).isEqualTo(expected);
    }

    @Test
    void aDeployedProfileHasNoLocalEndpoints() {
        assertThatThrownBy(() -> AwsEndpointVariables.of(profile("aws")))
                .hasMessage("endpoint variables are for a local stage, not a profile of kind aws");
    }
}
