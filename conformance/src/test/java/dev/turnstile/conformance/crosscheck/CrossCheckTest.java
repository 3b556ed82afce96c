package dev.turnstile.conformance.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.conformance.clock.ClockState;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossCheckTest {

    private static final String ACCESS = "/turnstile/turnstile/access";
    private static final String TOKEN_GROUP = "/aws/lambda/turnstile-token-authorizer";

    private final Map<String, String> items = new HashMap<>();
    private final Map<String, List<LogEvent>> groups = new HashMap<>();
    private int eventIds;

    private final StageProfile profile = new StageProfile("local", "us-east-1", "http://127.0.0.1:1/Prod", "api",
            "Prod", Map.of(), "turnstile-items",
            new StageProfile.LogGroups(ACCESS, "exec", Map.of("TokenAuthorizerFunction", TOKEN_GROUP)),
            Map.of("TokenAuthorizerFunction", "turnstile-token-authorizer"),
            List.of(new StageProfile.RouteInfo("POST", "/items", "TokenAuthorizer", true)),
            List.of(new StageProfile.AuthorizerInfo("TokenAuthorizer", "TOKEN",
                    List.of("method.request.header.authorizationToken"), 300, "TokenAuthorizerFunction")),
            List.of(), null);

    private CrossCheck crossCheck() {
        ItemLookup lookup = id -> Optional.ofNullable(items.get(id));
        LogReader reader = (group, start, end) -> groups.getOrDefault(group, List.of()).stream()
                .filter(e -> e.timestamp() >= start && e.timestamp() <= end).toList();
        return new CrossCheck(profile, lookup, reader, Duration.ZERO, Duration.ofMillis(1));
    }

    private void log(String group, long time, String message) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new LogEvent("e" + eventIds++, time, message));
    }

    private void access(String id, long time, int status) {
        log(ACCESS, time, "{\"requestId\":\"" + id + "\",\"status\":\"" + status + "\",\"apiKeyId\":\"k\"}");
    }

    private static LedgerEntry entry(String id, String token, int status, String type, long time) {
        return new LedgerEntry("run", id, "POST /items", "k", token, status, type, 5, time, 0, "t");
    }

    @Test
    void aConsistentRunPasses(@TempDir Path dir) throws Exception {
        items.put("a", "run");
        access("a", 1_001, 200);
        access("b", 1_101, 403);
        log(TOKEN_GROUP, 1_000, "START RequestId: l1 Version: $LATEST\n");
        log(TOKEN_GROUP, 1_002, "END RequestId: l1\n");
        log(TOKEN_GROUP, 1_100, "START RequestId: l2 Version: $LATEST\n");
        List<LedgerEntry> ledger = List.of(entry("a", "allow", 200, null, 1_000),
                entry("b", "deny", 403, "AccessDeniedException", 1_100));

        CrossCheckReport report = crossCheck().run("run", ledger, new StageTimeline());

        assertThat(report.failures()).isEmpty();
        assertThat(report.statusCounts()).containsExactly(Map.entry(200, 1L), Map.entry(403, 1L));
        assertThat(report.authorizers()).containsExactly(new CrossCheckReport.AuthorizerCount("TokenAuthorizer",
                TOKEN_GROUP, 300, 0, 2, 2));
        Path file = report.write(dir);
        assertThat(Files.readString(file)).contains("\"runId\" : \"run\"", "\"missingItems\" : [ ]");
    }

    @Test
    void requestsSharingAClientChosenRequestIdAreJoinedByTheirExtendedRequestIds() {
        // a client may send its own x-amzn-RequestId; only x-amz-apigw-id tells the two requests apart
        items.put("EXT1", "run");
        log(ACCESS, 1_001, "{\"requestId\":\"same\",\"extendedRequestId\":\"EXT1\",\"status\":\"200\"}");
        log(ACCESS, 1_002, "{\"requestId\":\"same\",\"extendedRequestId\":\"EXT2\",\"status\":\"200\"}");
        List<LedgerEntry> ledger = List.of(
                new LedgerEntry("run", "same", "EXT1", "POST /items", "k", "allow", 200, null, 5, 1_000, 0, "t"),
                new LedgerEntry("run", "same", "EXT2", "POST /items", "k", "allow", 200, null, 5, 1_000, 0, "t"));

        CrossCheckReport report = crossCheck().run("run", ledger, new StageTimeline());

        // the second 200 has no item: found although the first one's item carries the same request id
        assertThat(report.missingItems()).containsExactly("EXT2");
        assertThat(report.missingAccessLogs()).isEmpty();
        assertThat(report.duplicateAccessLogs()).isEmpty();
    }

    @Test
    void aMergedRunChecksEachItemAgainstTheRunIdItWasSentWith() {
        items.put("a", "run-i0");
        items.put("b", "run-i1");
        items.put("c", "run-i0");      // sent by injector 1, stored under injector 0's id
        access("a", 1_000, 200);
        access("b", 1_000, 200);
        access("c", 1_000, 200);
        List<LedgerEntry> ledger = List.of(
                new LedgerEntry("run-i0", "a", "POST /items", "k", "allow", 200, null, 5, 1_000, 0, "t"),
                new LedgerEntry("run-i1", "b", "POST /items", "k", "allow", 200, null, 5, 1_000, 1, "t"),
                new LedgerEntry("run-i1", "c", "POST /items", "k", "allow", 200, null, 5, 1_000, 1, "t"));

        CrossCheckReport report = crossCheck().run("run-merged", ledger, new StageTimeline());

        assertThat(report.foreignItems()).containsExactly("c");
        assertThat(report.missingItems()).isEmpty();
    }

    @Test
    void everyKindOfMismatchIsListedWithItsRequestIds() {
        items.put("c", "run");         // a 401 that stored an item
        items.put("d", "other-run");   // a 200 stored under another run id
        access("a", 1_000, 200);
        access("b", 1_000, 200);
        access("b", 1_001, 200);       // logged twice
        access("c", 1_000, 500);       // status differs
        access("d", 1_000, 200);
        log(ACCESS, 1_000, "not json");
        List<LedgerEntry> ledger = List.of(entry("a", "allow", 200, null, 1_000), entry("b", "deny", 403,
                "AccessDeniedException", 1_000), entry("c", "unauthorized", 401, "UnauthorizedException", 1_000),
                entry("d", "allow", 200, null, 1_000), entry("e", "allow", 200, null, 1_000));

        CrossCheckReport report = crossCheck().run("run", ledger, new StageTimeline());

        assertThat(report.missingItems()).containsExactly("a", "e");
        assertThat(report.unexpectedItems()).containsExactly("c");
        assertThat(report.foreignItems()).containsExactly("d");
        assertThat(report.missingAccessLogs()).containsExactly("e");
        assertThat(report.duplicateAccessLogs()).containsExactly("b");
        assertThat(report.accessLogStatusMismatch()).containsExactly("c (sent [401], logged [500])");
        assertThat(report.unparseableAccessLogs()).hasSize(1);
        assertThat(report.authorizers().get(0).observed()).isZero();
        assertThat(report.authorizers().get(0).consistent()).isFalse();
        assertThatThrownBy(report::assertPassed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("2xx without a DynamoDB item (2): a, e")
                .hasMessageContaining("non-2xx with a DynamoDB item (1): c")
                .hasMessageContaining("authorizer TokenAuthorizer ran 0 times");
    }

    @Test
    void theSameRequestIdSentTwiceNeedsTwoAccessLinesAndOneItem() {
        items.put("same", "run");
        access("same", 1_000, 200);
        access("same", 2_000, 200);
        log(TOKEN_GROUP, 1_000, "START RequestId: l1 Version: $LATEST\n");
        List<LedgerEntry> ledger = List.of(entry("same", "allow", 200, null, 1_000), entry("same", "allow", 200, null, 2_000));
        assertThat(crossCheck().run("run", ledger, new StageTimeline()).failures()).isEmpty();
    }

    @Test
    void eventsStampedOnAnAdvancedStageClockAreFound() {
        StageTimeline timeline = new StageTimeline();
        timeline.observe(500, new ClockState(600_500, "x", false));
        items.put("a", "run");
        access("a", 601_000, 200);
        log(TOKEN_GROUP, 601_001, "START RequestId: l1 Version: $LATEST\n");
        log(TOKEN_GROUP, 400, "START RequestId: old Version: $LATEST\n"); // before the run on either axis: ignored
        CrossCheckReport report = crossCheck().run("run", List.of(entry("a", "allow", 200, null, 1_000)), timeline);
        assertThat(report.failures()).isEmpty();
        assertThat(report.authorizers().get(0).observed()).isEqualTo(1);
    }

    @Test
    void functionLogsOnWallTimeAreFoundWhileAccessLogsUseTheAdvancedStageClock() {
        StageTimeline timeline = new StageTimeline();
        timeline.observe(500, new ClockState(600_500, "x", false));
        items.put("a", "run");
        items.put("b", "run");
        access("a", 601_000, 200);                                            // stage time
        access("b", 902_000, 200);                                            // past the 300 s TTL
        log(TOKEN_GROUP, 1_000, "START RequestId: l1 Version: $LATEST\n");    // wall time
        log(TOKEN_GROUP, 1_001, "END RequestId: l1\n");
        log(TOKEN_GROUP, 302_000, "START RequestId: l2 Version: $LATEST\n");
        log(TOKEN_GROUP, 400, "START RequestId: earlier Version: $LATEST\n"); // an earlier run's line
        CrossCheckReport report = crossCheck().run("run", List.of(entry("a", "allow", 200, null, 1_000),
                entry("b", "allow", 200, null, 302_000)), timeline);
        assertThat(report.failures()).isEmpty();
        assertThat(report.authorizers()).containsExactly(new CrossCheckReport.AuthorizerCount("TokenAuthorizer",
                TOKEN_GROUP, 300, 1, 2, 2));
    }

    @Test
    void aLargeRunNamesTheFirstOffendersAndCountsAll(@TempDir Path dir) throws Exception {
        List<LedgerEntry> ledger = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String id = "r" + i;
            ledger.add(entry(id, "allow", 200, null, 1_000 + i));
            access(id, 1_001 + i, 200);
            if (i >= 25) {
                items.put(id, "run"); // r0 .. r24 lack their item
            }
        }
        log(TOKEN_GROUP, 1_000, "START RequestId: l1 Version: $LATEST\n");

        CrossCheckReport report = crossCheck().run("run", LedgerSource.of(ledger), new StageTimeline());

        assertThat(report.missingItems()).hasSize(CrossCheck.FIRST_IDS).startsWith("r0", "r1").endsWith("r19");
        assertThat(report.totals()).containsExactly(Map.entry("missingItems", 25L));
        assertThat(report.failures()).containsExactly("2xx without a DynamoDB item (25): "
                + String.join(", ", report.missingItems()) + ", … (the first 20 named)");
        assertThat(Files.readString(report.write(dir))).contains("\"totals\" : {\n    \"missingItems\" : 25");
    }

    @Test
    void itemsReadByAScanOfTheRunIdsAreJoinedById() {
        class Scanned implements ItemLookup, RunItems {
            List<String> askedFor;

            @Override
            public Optional<String> runIdOf(String id) {
                throw new AssertionError("a scanning lookup is never asked per id");
            }

            @Override
            public void forEachItem(java.util.Collection<String> runIds, java.util.function.BiConsumer<String, String> a) {
                askedFor = List.copyOf(runIds);
                a.accept("a", "run-i0");
                a.accept("c", "run-i1");
                a.accept("z", "run-i1"); // in the run's ids, but no ledger entry names it
            }
        }
        Scanned scanned = new Scanned();
        access("a", 1_001, 200);
        access("b", 1_002, 200);
        access("c", 1_003, 429);
        log(TOKEN_GROUP, 1_000, "START RequestId: l1 Version: $LATEST\n");
        List<LedgerEntry> ledger = List.of(
                new LedgerEntry("run-i0", "a", "POST /items", "k", "allow", 200, null, 5, 1_000, 0, "t"),
                new LedgerEntry("run-i1", "b", "POST /items", "k", "allow", 200, null, 5, 1_001, 1, "t"),
                new LedgerEntry("run-i1", "c", "POST /items", "k", "allow", 429, "TooManyRequestsException", 1, 1_002,
                        1, "t"));
        LogReader reader = (group, start, end) -> groups.getOrDefault(group, List.of()).stream()
                .filter(e -> e.timestamp() >= start && e.timestamp() <= end).toList();

        CrossCheckReport report = new CrossCheck(profile, scanned, reader, Duration.ZERO, Duration.ofMillis(1))
                .run("merged", ledger, new StageTimeline());

        assertThat(scanned.askedFor).containsExactly("run-i0", "run-i1");
        assertThat(report.missingItems()).containsExactly("b");
        assertThat(report.unexpectedItems()).containsExactly("c");
        assertThat(report.foreignItems()).isEmpty();
    }
}
