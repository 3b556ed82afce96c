package dev.turnstile.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityReportTest {

    @TempDir
    Path tmp;

    private ReportFiles generate() throws Exception {
        Path run = ReportFixtures.capacityRun(tmp);
        return CapacityReport.generate(ReportRequest.builder(ReportFixtures.profile(), ReportFixtures.FROM, ReportFixtures.TO)
                .run(run).outDir(tmp.resolve("out")).accessLogs((from, to) -> ReportFixtures.accessLog()).build());
    }

    @Test
    void jsonHoldsTrafficReplayRecommendationsAndFindings() throws Exception {
        ReportFiles files = generate();
        JsonNode json = new ObjectMapper().readTree(files.json().toFile());

        assertThat(json.get("stage").asText()).isEqualTo("abc123defg/Prod");
        assertThat(json.get("keys")).hasSize(2);
        JsonNode small = json.get("keys").get(0);
        JsonNode std = json.get("keys").get(1);
        assertThat(small.get("keyId").asText()).isEqualTo("**********ey02");
        assertThat(std.get("keyId").asText()).isEqualTo("**********aaa1");

        assertThat(std.at("/traffic/requests").asLong()).isEqualTo(180);
        assertThat(std.at("/traffic/peak1s").asLong()).isEqualTo(100);
        assertThat(std.at("/traffic/peak100ms").asLong()).isEqualTo(100);
        assertThat(std.at("/observed/throttled").asLong()).isEqualTo(80);
        // the replay of rate 10 / burst 20: 8 rps steady is admitted, the 100-request spike gets the 20 tokens left
        assertThat(std.at("/currentPlan/replayed/throttled").asLong()).isEqualTo(80);
        assertThat(std.at("/currentPlan/agrees").asBoolean()).isTrue();

        // the small plan's quota of 50/DAY would have stopped 10 requests, the stage stopped none
        assertThat(small.at("/currentPlan/replayed/quotaExceeded").asLong()).isEqualTo(10);
        assertThat(small.at("/currentPlan/observed/quotaExceeded").asLong()).isZero();
        assertThat(small.at("/currentPlan/agrees").asBoolean()).isFalse();
        assertThat(small.at("/recommendation/rateLimit").asLong()).isEqualTo(3); // 2 rps steady → raw 2, +20 % → 3
        assertThat(small.at("/recommendation/burstLimit").asLong()).isEqualTo(3);

        // the spike needs a big bucket; the knee (199 rps carried) does not cap the rate
        assertThat(std.at("/recommendation/rawBurst").asLong()).isEqualTo(100);
        assertThat(std.at("/recommendation/cappedByCapacity").asBoolean()).isFalse();
        assertThat(json.at("/capacity/knee/offeredRps").asDouble()).isEqualTo(200);

        List<String> codes = new ArrayList<>();
        json.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).contains("RUN_FAILED", "BURST_BELOW_RATE", "QUOTA_EXHAUSTED_BEFORE_PERIOD_END",
                "QUOTA_NEEDS_LONGER_WINDOW", "REPLAY_DISAGREES").doesNotContain("RATE_ABOVE_CAPACITY", "RECOMMENDATION_CAPPED");
        assertThat(json.get("findings").findValuesAsText("message")).contains("replaying the current plan (rate 10, "
                + "burst 5, quota 50/DAY) throttles 0 and stops 10 over quota; the stage throttled 0 and stopped 0 over "
                + "quota (the replay starts each quota period unused, so usage before the window also shows here)");
        assertThat(json.get("findings").get(0).get("severity").asText()).isEqualTo("error");
        assertThat(json.at("/runs/0/ledgerEntries").asLong()).isEqualTo(2);
    }

    @Test
    void secretsNeverAppearAndTextIsEscaped() throws Exception {
        ReportFiles files = generate();
        for (Path f : List.of(files.html(), files.json(), files.markdown())) {
            String text = Files.readString(f);
            assertThat(text).as(f.toString())
                    .doesNotContain(ReportFixtures.STD_KEY_VALUE, ReportFixtures.SMALL_KEY_VALUE)
                    .doesNotContain(ReportFixtures.STD_KEY_ID, ReportFixtures.SMALL_KEY_ID)
                    .doesNotContain("Wxyz", "Qrst");
        }
        String html = Files.readString(files.html());
        assertThat(html).contains("<td>standard &lt;b&gt;plan&lt;/b&gt;</td>")
                .doesNotContain("standard <b>plan</b>")
                .contains("standard \\u003Cb\\u003Eplan\\u003C/b\\u003E")
                .doesNotContain("src=\"http", "href=\"http");
        String md = Files.readString(files.markdown());
        assertThat(md).contains("| **********aaa1 | turnstile-key | standard <b>plan</b> | rate 10, burst 20, quota 5000/DAY |");
    }

    @Test
    void ledgerSourceCountsTheLedgersRequests() throws Exception {
        Path run = ReportFixtures.capacityRun(tmp);
        var data = CapacityReport.analyze(ReportRequest.builder(ReportFixtures.profile(), ReportFixtures.FROM,
                ReportFixtures.TO).run(run).source(ReportRequest.Source.LEDGER).build(), ReportFixtures.FROM);

        assertThat(data.source()).isEqualTo("ledger");
        assertThat(data.keys()).singleElement().satisfies(k -> {
            assertThat(k.traffic().requests()).isEqualTo(2);
            assertThat(k.observed().quotaExceeded()).isEqualTo(1);
        });
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThatThrownBy(() -> ReportRequest.builder(ReportFixtures.profile(), ReportFixtures.TO, ReportFixtures.FROM).build())
                .hasMessageContaining("must start before it ends");
        assertThatThrownBy(() -> ReportRequest.builder(ReportFixtures.profile(), ReportFixtures.FROM, ReportFixtures.TO)
                .source(ReportRequest.Source.LEDGER).build()).hasMessageContaining("at least one run folder");
        assertThatThrownBy(() -> CapacityReport.generate(ReportRequest.builder(ReportFixtures.profile(),
                ReportFixtures.FROM, ReportFixtures.TO).run(tmp.resolve("nope")).accessLogs((f, t) -> List.of()).build()))
                .hasMessage("run folder not found: " + tmp.resolve("nope").toAbsolutePath());
        assertThatThrownBy(() -> CapacityReport.generate(ReportRequest.builder(ReportFixtures.profile(),
                ReportFixtures.FROM, ReportFixtures.TO).outDir(tmp).accessLogs((f, t) -> List.of("{\"status\":\"200\"}")).build()))
                .hasMessageStartingWith("access-log line has no requestTimeEpoch");
    }
}
