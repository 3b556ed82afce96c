package dev.turnstile.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.stage.usageplan.TokenBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The synthetic run writes what the stage would have: the template's access-log fields, the plan's admissions. */
class SyntheticRunTest {

    @Test
    void anAccessLineHasExactlyTheTemplatesFields() throws Exception {
        String template = Files.readString(Path.of("../sam/template.yaml"));
        Matcher format = Pattern.compile("Format: '(\\{.*})'").matcher(template);
        assertThat(format.find()).isTrue();
        List<String> expected = new ArrayList<>();
        new ObjectMapper().readTree(format.group(1)).fieldNames().forEachRemaining(expected::add);
        LedgerEntry e = new LedgerEntry("r", "id", "POST /items", "k", "allow", 429, "TooManyRequestsException", 2,
                1_000L, 0, "ThrottleRate");
        JsonNode line = new ObjectMapper().readTree(SyntheticRun.accessLine(e, "N7Sb5GwpDoEEf9A=", "Prod"));
        List<String> actual = new ArrayList<>();
        line.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(line.get("status").asText()).isEqualTo("429");
        assertThat(line.get("requestId").asText()).isEqualTo("id");
        assertThat(line.get("path").asText()).isEqualTo("/Prod/items");
    }

    @Test
    void theLoadIsAdmittedByThePlansBucketAndSplitRoundRobin() {
        String[] runs = {"a", "b", "c", "d"};
        SyntheticLoad load = new SyntheticLoad(10_000, runs, "key", 0, 200, 100, 50, 7);
        long[] arrivals = new long[10_000];
        long admitted = 0;
        for (int k = 0; load.hasNext(); k++) {
            LedgerEntry e = load.next().entry();
            arrivals[k] = e.timeMs();
            assertThat(e.injector()).isEqualTo(k % 4);
            assertThat(e.runId()).isEqualTo(runs[k % 4]);
            assertThat(e.status()).isIn(200, 429);
            admitted += e.accepted() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(TokenBucket.replay(100, 50, arrivals).admitted());
    }
}
