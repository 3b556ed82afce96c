package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * AWS JSON 1.0: {@code POST /} with {@code X-Amz-Target: GraniteServiceVersion20100801.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.0} — what the AWS CLI v1 (botocore 1.43) sends. Timestamps are epoch
 * seconds as a JSON number.
 */
final class AwsJsonProtocol extends GeneratorProtocol {

    /** The target prefix of CloudWatch's JSON protocol (service model {@code targetPrefix}). */
    static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeneratorEncoder ENCODER = new GeneratorEncoder((g, t) -> g.writeNumber(epochSeconds(t)));

    AwsJsonProtocol(String operation, byte[] body) {
        super(operation, body, JSON, ENCODER, "JSON");
    }

    @Override
    String contentType() {
        return "application/x-amz-json-1.0";
    }
}
