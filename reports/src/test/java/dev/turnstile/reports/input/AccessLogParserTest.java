package dev.turnstile.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.reports.ReportFixtures;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {

    private final AccessLogParser parser = new AccessLogParser();

    @Test
    void mapsTheUsagePlanOutcomeFromErrorResponseType() {
        assertThat(parser.parse(ReportFixtures.line("a", 1000, "k1", "POST", "/items", 200, "-")))
                .isEqualTo(new Arrival(1000, "k1", "POST /items", 200, Arrival.Outcome.ADMITTED));
        assertThat(parser.parse(ReportFixtures.line("b", 1001, "k1", "POST", "/items", 429, "THROTTLED")).outcome())
                .isEqualTo(Arrival.Outcome.THROTTLED);
        assertThat(parser.parse(ReportFixtures.line("c", 1002, "k1", "POST", "/items", 429, "QUOTA_EXCEEDED")).outcome())
                .isEqualTo(Arrival.Outcome.QUOTA_EXCEEDED);
        // admitted by the usage plan, failed afterwards in the integration: it used a token
        assertThat(parser.parse(ReportFixtures.line("d", 1003, "k1", "POST", "/items", 502, "INTEGRATION_FAILURE")).outcome())
                .isEqualTo(Arrival.Outcome.ADMITTED);
        Arrival denied = parser.parse(ReportFixtures.line("e", 1004, "k1", "POST", "/items", 403, "ACCESS_DENIED"));
        assertThat(denied.outcome()).isEqualTo(Arrival.Outcome.NOT_METERED);
        assertThat(denied.metered()).isFalse();
        Arrival noKey = parser.parse(ReportFixtures.line("f", 1005, "-", "POST", "/items", 403, "INVALID_API_KEY"));
        assertThat(noKey.apiKeyId()).isNull();
        assertThat(noKey.metered()).isFalse();
    }

    @Test
    void badLinesAreClearErrors() {
        assertThatThrownBy(() -> parser.parse("START RequestId: x")).hasMessage("access-log line is not JSON: START RequestId: x");
        assertThatThrownBy(() -> parser.parse("[1]")).hasMessage("access-log line is not a JSON object: [1]");
        assertThatThrownBy(() -> parser.parse("{\"requestTimeEpoch\":\"soon\",\"status\":\"200\"}"))
                .hasMessage("access-log field requestTimeEpoch is not a number ('soon'): "
                        + "{\"requestTimeEpoch\":\"soon\",\"status\":\"200\"}");
        assertThatThrownBy(() -> parser.parse("{\"requestTimeEpoch\":\"5\",\"status\":\"200\"}"))
                .hasMessageStartingWith("access-log line has no httpMethod: ");
    }

    @Test
    void unmatchedRouteHasNoResourceSoThePathStandsIn() {
        String line = "{\"requestTimeEpoch\":\"7\",\"httpMethod\":\"GET\",\"resourcePath\":\"-\",\"path\":\"/Prod/items\","
                + "\"status\":\"403\",\"apiKeyId\":\"-\",\"errorResponseType\":\"MISSING_AUTHENTICATION_TOKEN\"}";
        assertThat(parser.parse(line)).isEqualTo(new Arrival(7, null, "GET /Prod/items", 403, Arrival.Outcome.NOT_METERED));
        assertThat(parser.parse(line.replace(",\"path\":\"/Prod/items\"", "")).route()).isEqualTo("GET -");
    }
}
