package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.gateway.steps.Router;
import dev.turnstile.localstage.model.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing: stage segment, literal > param > greedy, verb > ANY, trailing slash. */
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
        RouteMatch m = router.match("GET", "/items/42");
        assertThat(m.route().resourcePath()).isEqualTo("/items/{id}");
        assertThat(m.route().httpMethod()).isEqualTo("GET");
        assertThat(m.pathParameters()).isEqualTo(Map.of("id", "42"));
        RouteMatch greedy = router.match("PUT", "/x/y%2Fz/w");
        assertThat(greedy.route().resourcePath()).isEqualTo("/{proxy+}");
        assertThat(greedy.pathParameters()).isEqualTo(Map.of("proxy", "x/y/z/w"));
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
}
