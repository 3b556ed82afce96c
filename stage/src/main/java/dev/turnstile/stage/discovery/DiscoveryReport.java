package dev.turnstile.stage.discovery;

import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import dev.turnstile.stage.profile.StageProfile.QuotaInfo;
import dev.turnstile.stage.profile.StageProfile.RouteInfo;
import dev.turnstile.stage.profile.StageProfile.ThrottleInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.util.stream.Collectors;

/**
 * What discovery found, as the lines a run prints before it starts: invoke URL, API, table, log groups, routes,
 * authorizers and plans with their keys masked to the last 4 characters (the profile file itself holds the values).
 */
public final class DiscoveryReport {

    private DiscoveryReport() {
    }

    /** The report of the profile discovered for {@code stackName}. */
    public static String render(String stackName, StageProfile p) {
        StringBuilder out = new StringBuilder();
        out.append("Turnstile discovered stack ").append(stackName).append(" (").append(p.region())
                .append("): profile kind ").append(p.kind()).append('\n');
        line(out, "invoke URL", p.invokeUrl());
        line(out, "API", p.restApiId() + " stage " + p.stageName());
        line(out, "table", p.table());
        line(out, "access logs", p.logGroups().access());
        line(out, "execution logs", p.logGroups().execution());
        p.logGroups().functions().forEach((fn, group) -> line(out, "function logs", fn + " " + group));
        p.functions().forEach((logical, name) -> line(out, "function", logical + " = " + name));
        for (RouteInfo r : p.routes()) {
            line(out, "route", r.method() + " " + r.path() + " authorizer " + (r.authorizer() == null ? "NONE"
                    : r.authorizer()) + (r.apiKeyRequired() ? ", API key required" : ""));
        }
        for (AuthorizerInfo a : p.authorizers()) {
            line(out, "authorizer", a.name() + " " + a.type() + " " + a.identitySources() + " TTL " + a.ttlSeconds()
                    + " s, function " + a.function());
        }
        for (UsagePlanInfo plan : p.usagePlans()) {
            line(out, "usage plan", plan.name() + " (" + plan.id() + "): " + throttle(plan.throttle())
                    + ", " + quota(plan.quota()) + (plan.methodThrottle().isEmpty() ? "" : ", per method "
                    + plan.methodThrottle().entrySet().stream().map(e -> e.getKey() + " " + throttle(e.getValue()))
                    .collect(Collectors.joining(", ")))
                    + "; keys " + plan.apiKeys().stream().map(k -> k.name() + " " + k.id() + " " + k.maskedValue())
                    .collect(Collectors.joining(", ")));
        }
        return out.toString();
    }

    private static String throttle(ThrottleInfo t) {
        return t == null ? "no throttle" : "rate " + t.rateLimit() + "/s burst " + t.burstLimit();
    }

    private static String quota(QuotaInfo q) {
        return q == null ? "no quota" : "quota " + q.limit() + "/" + q.period() + " offset " + q.offset();
    }

    private static void line(StringBuilder out, String what, String value) {
        out.append(String.format("  %-15s %s%n", what, value));
    }
}
