package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.steps.Router;
import dev.turnstile.localstage.model.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing: stage segment, literal > param > greedy, verb > ANY, trailing slash, empty segments. */
class RouteStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Route route(String verb, String path) {
        return new Route(verb, path, "r" + Math.abs(path.hashCode() % 100000), null, false, "Writer", 29_000);
    }

    private final Router router = new Router(List.of(
            route("GET", "/items"), route("POST", "/items"), route("GET", "/items/{id}"), route("GET", "/items/special"),
            route("ANY", "/items/{id}"), route("ANY", "/{proxy+}"), route("GET", "/"), route("GET", "/a/{b}/c/{d+}")));

    @Test
    void literalBeatsParameterBeatsGreedy() {
        assertThat(router.match("GET", "/items/special").route().resourcePath()).isEqualTo("/items/special");
        Router.Match m = router.match("GET", "/items/42");
        assertThat(m.route().resourcePath()).isEqualTo("/items/{id}");
        assertThat(m.route().httpMethod()).isEqualTo("GET");
        assertThat(m.pathParameters()).isEqualTo(Map.of("id", "42"));
        Router.Match greedy = router.match("PUT", "/x/y%2Fz/w");
        assertThat(greedy.route().resourcePath()).isEqualTo("/{proxy+}");
        // a greedy value is passed as sent, encoded slash included (docs/aws-behaviour.md §2.1)
        assertThat(greedy.pathParameters()).isEqualTo(Map.of("proxy", "x/y%2Fz/w"));
        assertThat(router.match("GET", "/a/1/c/2/3").pathParameters()).isEqualTo(Map.of("b", "1", "d", "2/3"));
    }

    @Test
    void exactVerbBeatsAnyAndTrailingSlashIsIgnored() {
        assertThat(router.match("DELETE", "/items/42").route().httpMethod()).isEqualTo("ANY");
        assertThat(router.match("GET", "/items/").route().resourcePath()).isEqualTo("/items");
        assertThat(router.match("GET", "/").route().resourcePath()).isEqualTo("/");
        assertThat(router.match("GET", "").route().resourcePath()).isEqualTo("/");
        assertThat(router.match("get", "/items")).isNull(); // verbs are case-sensitive on the wire
    }

    @Test
    void wrongVerbOnAKnownResourceDoesNotFallBackToALessSpecificOne() {
        Router plain = new Router(List.of(route("GET", "/items"), route("GET", "/{proxy+}")));
        assertThat(plain.match("POST", "/items")).isNull();
        assertThat(plain.match("GET", "/other").route().resourcePath()).isEqualTo("/{proxy+}");
        assertThat(plain.match("GET", "/")).isNull(); // a greedy variable needs at least one segment
    }

    @Test
    void stageIsTheFirstSegment() throws Exception {
        Fixture f = new Fixture();
        assertThat(f.send("GET", "/Prod").status()).isEqualTo(201);
        assertThat(f.send("GET", "/Prod/").status()).isEqualTo(201);
        assertThat(f.send("GET", "/Prod/items/7/").status()).isEqualTo(201);
        JsonNode event = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("7");
        assertThat(f.send("GET", "/Production/items/7").status()).isEqualTo(403);
        assertThat(f.send("GET", "/").status()).isEqualTo(403);
        assertThat(f.send("GET", "/Prod/proxy/fixed").header("x-amzn-ErrorType")).isNull();
        assertThat(f.send("PATCH", "/Prod/proxy/a/b").status()).isEqualTo(201);
    }

    @Test
    void requestsToOtherStagesAreNotLoggedOnThisStage() {
        Fixture f = new Fixture();
        f.send("GET", "/Beta/items/1");
        assertThat(f.accessLines()).isEmpty();
        f.send("GET", "/Prod/nope");
        assertThat(f.accessLines()).hasSize(1);
        assertThat(f.executionLines()).isEmpty();
    }

    /**
     * The paths of LocalStack's AWS-validated {@code test_lambda_aws_proxy_integration} (ANY {@code /{proxy+}} and
     * ANY {@code /hardcoded}, every request answered 200 by the function): the event's {@code path},
     * {@code pathParameters} and {@code requestContext.path} as AWS recorded them (docs/aws-behaviour.md §2.1).
     */
    @Test
    void emptySegmentsAsApiGatewayRoutesThem() throws Exception {
        Fixture f = new Fixture();
        f.routes.add(route("ANY", "/{proxy+}"));
        f.routes.add(route("ANY", "/hardcoded"));
        assertEvent(f, "/Prod/proxy-value", "/{proxy+}", "/proxy-value", "{\"proxy\":\"proxy-value\"}", "/Prod/proxy-value");
        assertEvent(f, "/Prod/proxy-value/", "/{proxy+}", "/proxy-value/", "{\"proxy\":\"proxy-value\"}",
                "/Prod/proxy-value/");
        assertEvent(f, "/Prod/proxy-value//double-slash", "/{proxy+}", "/proxy-value//double-slash",
                "{\"proxy\":\"proxy-value//double-slash\"}", "/Prod/proxy-value//double-slash");
        assertEvent(f, "//Prod/proxy-value", "/{proxy+}", "/proxy-value", "{\"proxy\":\"proxy-value\"}",
                "/Prod/proxy-value");
        assertEvent(f, "/Prod//proxy-value", "/{proxy+}", "/proxy-value", "{\"proxy\":\"proxy-value\"}",
                "/Prod//proxy-value");
        assertEvent(f, "/Prod//hardcoded", "/hardcoded", "/hardcoded", "null", "/Prod//hardcoded");
        String email = "/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com";
        assertEvent(f, "/Prod" + email, "/{proxy+}", email, "{\"proxy\":\"" + email.substring(1) + "\"}", "/Prod" + email);
    }

    private static void assertEvent(Fixture f, String sent, String resource, String path, String pathParameters,
                                    String contextPath) throws Exception {
        GatewayResponse r = f.send("GET", sent);
        assertThat(r.status()).as(sent).isEqualTo(201);
        JsonNode event = JSON.readTree(f.invoker.lastEvent("Writer"));
        assertThat(event.path("resource").asText()).as(sent).isEqualTo(resource);
        assertThat(event.path("path").asText()).as(sent).isEqualTo(path);
        assertThat(event.path("pathParameters").toString()).as(sent).isEqualTo(pathParameters);
        assertThat(event.path("requestContext").path("path").asText()).as(sent).isEqualTo(contextPath);
        assertThat(event.path("requestContext").path("resourcePath").asText()).as(sent).isEqualTo(resource);
    }

    /** The local stage's choices where AWS recorded nothing (docs/aws-behaviour.md §12). */
    @Test
    void innerEmptyAndDotSegmentsMatchNoLiteralOrParameter() {
        assertThat(router.match("GET", "/items//special").pathParameters()).isEqualTo(Map.of("proxy", "items//special"));
        assertThat(router.match("GET", "/items//").route().resourcePath()).isEqualTo("/items");
        Router noGreedy = new Router(List.of(route("GET", "/items/{id}"), route("GET", "/items/x")));
        assertThat(noGreedy.match("GET", "/items//x")).isNull();
        assertThat(noGreedy.match("GET", "/items/./x")).isNull();
        assertThat(noGreedy.match("GET", "/items/a/../x")).isNull();
        assertThat(noGreedy.match("GET", "/items/%2e%2e").pathParameters()).isEqualTo(Map.of("id", ".."));
        assertThat(router.match("GET", "/a/1/c//2").route().resourcePath()).isEqualTo("/{proxy+}");
        assertThat(router.match("GET", "/a/1/c/2//3/").pathParameters()).isEqualTo(Map.of("b", "1", "d", "2//3"));

        Fixture f = new Fixture();
        assertThat(f.send("GET", "/Prod/items//5").status()).isEqualTo(403);
        assertThat(f.send("GET", "/Prod/items/5/").status()).isEqualTo(201);
        assertThat(f.send("GET", "//").status()).isEqualTo(403);
        assertThat(f.send("GET", "///Prod").status()).isEqualTo(201);
    }
}
