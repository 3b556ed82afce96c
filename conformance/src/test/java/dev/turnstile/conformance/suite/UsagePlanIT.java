package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnstile.conformance.clock.ClockState;
import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Usage plan on the small plan (docs/aws-behaviour.md §3, §12): a full token bucket admits {@code burstLimit} back-to-back
 * requests and the next is 429 {@code TooManyRequestsException} {@code {"message":"Too Many Requests"}}; spending the
 * quota gives 429 {@code LimitExceededException} {@code {"message":"Limit Exceeded"}}, {@code GetUsage} shows it and
 * {@code UpdateUsage} restores it; requests rejected by the authorizer (401/403) consume no quota. Exact token counts
 * need the local stage clock (frozen so the bucket cannot refill between requests); on AWS these cases are skipped.
 *
 * <p>{@code UpdateUsage} "grants a temporary extension to the remaining quota": it sets {@code remaining} and leaves
 * the day's {@code used} count alone, so earlier tests' requests stay in {@code used} and the assertions compare
 * {@code used} before and after.
 */
@ExtendWith(TurnstileStage.class)
class UsagePlanIT {

    private UsagePlanInfo plan;
    private ApiKeyInfo key;

    @BeforeEach
    void smallPlanWithAClock(StageRun run) {
        assumeTrue(run.clock().available(), "exact token-bucket and quota counts need the local stage clock");
        plan = run.profile().plan("-small");
        key = run.profile().key("-small");
        run.clock().advance(Duration.ofSeconds(60)); // refill the bucket completely
        awayFromMidnight(run);
        run.clock().freeze(true);
        setRemaining(run, plan.quota().limit());
    }

    @AfterEach
    void release(StageRun run) {
        if (run.clock().available()) {
            run.clock().freeze(false);
            setRemaining(run, plan.quota().limit());
        }
    }

    private StageResponse send(StageRun run, String token, String scenario) {
        return run.send(StageRequest.to("POST", "/items").apiKey(key).token(token).json("{\"plan\":\"small\"}")
                .scenario(scenario).build());
    }

    @Test
    void burstThenThrottled(StageRun run, TestReporter reporter) {
        int burst = plan.throttle().burstLimit();
        for (int i = 0; i < burst; i++) {
            assertThat(send(run, "allow", "burst").status()).as("request %d of the burst", i + 1).isEqualTo(200);
        }
        Expect.response(reporter, send(run, "allow", "burst+1"), 429, "TooManyRequestsException", Expect.TOO_MANY);
    }

    @Test
    void quotaIsCutAtTheLimitShownByGetUsageAndRestoredByUpdateUsage(StageRun run, TestReporter reporter) {
        long limit = plan.quota().limit();
        long refill = (long) Math.ceil(1000 / plan.throttle().rateLimit()); // one token per request
        long usedBefore = usage(run).get(0);
        for (long i = 0; i < limit; i++) {
            run.clock().advance(Duration.ofMillis(refill));
            assertThat(send(run, "allow", "quota").status()).as("request %d of the quota", i + 1).isEqualTo(200);
        }
        run.clock().advance(Duration.ofMillis(refill));
        Expect.response(reporter, send(run, "allow", "quota+1"), 429, "LimitExceededException", Expect.LIMIT_EXCEEDED);
        assertThat(usage(run)).as("GetUsage [used, remaining]").isEqualTo(List.of(usedBefore + limit, 0L));

        setRemaining(run, limit);
        run.clock().advance(Duration.ofMillis(refill));
        assertThat(send(run, "allow", "quota-restored").status()).as("after UpdateUsage").isEqualTo(200);
    }

    @Test
    void rejectedRequestsDoNotConsumeQuota(StageRun run, TestReporter reporter) {
        long limit = plan.quota().limit();
        long usedBefore = usage(run).get(0);
        assertThat(send(run, null, "quota-401").status()).isEqualTo(401);
        assertThat(send(run, "deny", "quota-403").status()).isEqualTo(403);
        assertThat(send(run, "unauthorized", "quota-401b").status()).isEqualTo(401);
        List<Long> afterRejected = usage(run);
        assertThat(send(run, "allow", "quota-200").status()).isEqualTo(200);
        List<Long> afterAccepted = usage(run);
        reporter.publishEntry("expected", "[" + usedBefore + ", " + limit + "] after 401/403/401, then ["
                + (usedBefore + 1) + ", " + (limit - 1) + "]");
        reporter.publishEntry("observed", afterRejected + " then " + afterAccepted);
        assertThat(afterRejected).isEqualTo(List.of(usedBefore, limit));
        assertThat(afterAccepted).isEqualTo(List.of(usedBefore + 1, limit - 1));
    }

    /**
     * Moves the stage clock past the next UTC midnight when it is less than ten minutes away, so a test's requests and
     * its {@code GetUsage} reads fall in one quota day.
     */
    private static void awayFromMidnight(StageRun run) {
        Instant now = Instant.ofEpochMilli(run.clock().read().epochMillis());
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Duration left = Duration.between(now, midnight);
        if (left.compareTo(Duration.ofMinutes(10)) < 0) {
            run.clock().advance(left.plusSeconds(1));
        }
    }

    /** {@code [used, remaining]} of today's (stage time) quota period for the small key. */
    private List<Long> usage(StageRun run) {
        ClockState now = run.clock().read();
        String day = LocalDate.ofInstant(Instant.ofEpochMilli(now.epochMillis()), ZoneOffset.UTC).toString();
        GetUsageResponse usage = run.clients().apiGateway().getUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
                .startDate(day).endDate(day));
        List<List<Long>> days = usage.items().get(key.id());
        assertThat(days).as("GetUsage items for key %s on %s", key.id(), day).isNotNull().isNotEmpty();
        return days.get(days.size() - 1);
    }

    private void setRemaining(StageRun run, long remaining) {
        run.clients().apiGateway().updateUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
                .patchOperations(p -> p.op(Op.REPLACE).path("/remaining").value(Long.toString(remaining))));
    }
}
