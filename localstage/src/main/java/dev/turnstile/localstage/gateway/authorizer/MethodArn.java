package dev.turnstile.localstage.gateway.authorizer;

import dev.turnstile.localstage.model.StageModel;

/**
 * The {@code methodArn} of a request
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html):
 * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path with the real values}};
 * the root resource ends with {@code /}.
 */
public final class MethodArn {

    private MethodArn() {
    }

    /**
     * @param verb the request's verb (the real one, also for ANY methods)
     * @param path the request path without the stage, e.g. {@code /pets/a1b2} or {@code /}
     */
    public static String of(StageModel model, String verb, String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return new StringBuilder(96).append("arn:aws:execute-api:").append(model.region()).append(':')
                .append(model.accountId()).append(':').append(model.restApiId()).append('/')
                .append(model.stageName()).append('/').append(verb).append('/')
                .append(path, from, to).toString();
    }
}
