package dev.turnstile.simulations;

import dev.turnstile.conformance.clock.StageClockClient;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * The usage-plan part of API Gateway's control plane a simulation needs: today's {@code [used, remaining]} of a key
 * ({@code GetUsage}) and a reset of its remaining quota ({@code UpdateUsage replace /remaining}). "Today" is the UTC
 * day of the stage's clock (the local stage's may have been moved) or of the wall clock.
 */
public final class UsageApi {

    private final ApiGatewayClient apiGateway;
    private final StageClockClient clock;

    public UsageApi(ApiGatewayClient apiGateway, StageClockClient clock) {
        this.apiGateway = apiGateway;
        this.clock = clock;
    }

    /** {@code [used, remaining]} of today's quota period for {@code key} on {@code plan}. */
    public List<Long> today(UsagePlanInfo plan, ApiKeyInfo key) {
        String day = LocalDate.ofInstant(now(), ZoneOffset.UTC).toString();
        GetUsageResponse usage = apiGateway.getUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
                .startDate(day).endDate(day));
        List<List<Long>> days = usage.items() == null ? null : usage.items().get(key.id());
        if (days == null || days.isEmpty()) {
            throw new IllegalStateException("GetUsage of plan " + plan.name() + " has no items for key " + key.id()
                    + " on " + day);
        }
        return List.copyOf(days.get(days.size() - 1));
    }

    /** Sets the key's remaining quota for the current period. */
    public void setRemaining(UsagePlanInfo plan, ApiKeyInfo key, long remaining) {
        apiGateway.updateUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
                .patchOperations(p -> p.op(Op.REPLACE).path("/remaining").value(Long.toString(remaining))));
    }

    private Instant now() {
        return clock.available() ? Instant.ofEpochMilli(clock.read().epochMillis()) : Instant.now();
    }
}
