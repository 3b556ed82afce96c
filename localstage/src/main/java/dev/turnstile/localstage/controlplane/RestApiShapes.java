package dev.turnstile.localstage.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.localstage.model.AuthorizerConfig;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The REST-JSON shapes of the API's own definition — {@code Resource} (with its embedded {@code Method}s and their
 * {@code methodIntegration}) and {@code Authorizer} — member names as in the API Gateway service model
 * (docs/aws-behaviour.md §10).
 */
final class RestApiShapes {

    private final ObjectMapper json;
    private final StageModel model;

    RestApiShapes(ObjectMapper json, StageModel model) {
        this.json = json;
        this.model = model;
    }

    /** A {@code Resource}; {@code embedMethods} as with {@code ?embed=methods} (else no {@code resourceMethods}). */
    ObjectNode resource(ResourceTree.Node node, boolean embedMethods) {
        ObjectNode n = json.createObjectNode();
        n.put("id", node.id());
        if (node.parentId() != null) {
            n.put("parentId", node.parentId());
            n.put("pathPart", node.pathPart());
        }
        n.put("path", node.path());
        if (!node.methods().isEmpty()) {
            ObjectNode methods = n.putObject("resourceMethods");
            node.methods().forEach((verb, route) -> methods.set(verb, embedMethods ? method(route)
                    : json.createObjectNode()));
        }
        return n;
    }

    private ObjectNode method(Route route) {
        ObjectNode n = json.createObjectNode();
        n.put("httpMethod", route.httpMethod());
        AuthorizerConfig authorizer = route.authorizerName() == null ? null
                : model.authorizers().get(route.authorizerName());
        n.put("authorizationType", authorizer == null ? "NONE" : "CUSTOM");
        if (authorizer != null) {
            n.put("authorizerId", authorizer.id());
        }
        n.put("apiKeyRequired", route.apiKeyRequired());
        ObjectNode integration = n.putObject("methodIntegration");
        integration.put("type", "AWS_PROXY");
        integration.put("httpMethod", "POST");
        integration.put("uri", lambdaUri(route.functionLogicalId()));
        integration.put("passthroughBehavior", "WHEN_NO_MATCH");
        integration.put("contentHandling", "CONVERT_TO_TEXT");
        integration.put("timeoutInMillis", route.integrationTimeoutMillis());
        integration.put("cacheNamespace", route.resourceId());
        integration.putArray("cacheKeyParameters");
        return n;
    }

    /** An {@code Authorizer}: identity sources comma-separated as AWS lists them. */
    ObjectNode authorizer(AuthorizerConfig a) {
        ObjectNode n = json.createObjectNode();
        n.put("id", a.id());
        n.put("name", a.name());
        n.put("type", a.type().name());
        n.put("authType", "custom");
        n.put("authorizerUri", lambdaUri(a.functionLogicalId()));
        String sources = a.identitySources().stream().map(AuthorizerConfig.IdentitySource::expression)
                .collect(Collectors.joining(", "));
        if (!sources.isEmpty()) {
            n.put("identitySource", sources);
        }
        if (a.validationExpression() != null) {
            n.put("identityValidationExpression", a.validationExpression());
        }
        n.put("authorizerResultTtlInSeconds", a.ttlSeconds());
        return n;
    }

    /** API Gateway's URI of a Lambda integration or authorizer. */
    private String lambdaUri(String functionLogicalId) {
        FunctionConfig f = model.function(functionLogicalId).orElseThrow(() -> new IllegalStateException(
                "the model names function " + functionLogicalId + ", which it does not hold"));
        return "arn:aws:apigateway:" + model.region() + ":lambda:path/2015-03-31/functions/"
                + f.arn(model.region(), model.accountId()) + "/invocations";
    }

    List<ObjectNode> resources(boolean embedMethods) {
        return ResourceTree.of(model.restApiId(), model.routes()).stream().map(r -> resource(r, embedMethods)).toList();
    }

    List<ObjectNode> authorizers() {
        return model.authorizers().values().stream().map(this::authorizer).toList();
    }
}
