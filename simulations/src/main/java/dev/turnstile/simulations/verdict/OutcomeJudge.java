package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.Outcome;
import dev.turnstile.simulations.RequestClass;
import dev.turnstile.simulations.RunSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Smoke and AuthorizerMix: every request got exactly the status and {@code x-amzn-ErrorType} of its class
 * ({@link RequestClass#expected()}). Smoke also requires every class it covers to have been sent. Authorizer
 * invocation counts against the cache TTL are the cross-check's part.
 */
final class OutcomeJudge implements Judge {

    private final boolean everyClassOnce;

    OutcomeJudge(boolean everyClassOnce) {
        this.everyClassOnce = everyClassOnce;
    }

    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> entries) {
        Verdict.Builder verdict = new Verdict.Builder(spec.simulation(), spec.runId());
        LedgerCounts counts = new LedgerCounts(entries);
        counts.basics(verdict);
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, Long> sentPerClass = new LinkedHashMap<>();
        Map<String, Long> matchedPerClass = new LinkedHashMap<>();
        Set<RequestClass> seen = EnumSet.noneOf(RequestClass.class);
        List<String> wrong = new ArrayList<>();
        for (LedgerEntry e : entries) {
            Optional<RequestClass> c = RequestClass.fromScenario(e.scenario());
            if (c.isEmpty()) {
                wrong.add((e.requestId() == null ? "(no request id)" : e.requestId()) + " has no request class ("
                        + e.scenario() + ")");
                continue;
            }
            RequestClass cls = c.get();
            seen.add(cls);
            expected.put(cls.id(), cls.expected().toString());
            sentPerClass.merge(cls.id(), 1L, Long::sum);
            if (cls.expected().matches(e)) {
                matchedPerClass.merge(cls.id(), 1L, Long::sum);
            } else if (wrong.size() < 20) {
                wrong.add(cls.id() + " " + e.requestId() + ": expected " + cls.expected() + ", observed "
                        + Outcome.of(e));
            }
        }
        verdict.expected("outcomePerClass", expected).observed("sentPerClass", sentPerClass)
                .observed("matchedPerClass", matchedPerClass);
        long mismatched = sentPerClass.entrySet().stream()
                .mapToLong(s -> s.getValue() - matchedPerClass.getOrDefault(s.getKey(), 0L)).sum();
        verdict.check(wrong.isEmpty(), (mismatched == 0 ? "" : mismatched + " requests got another answer than their"
                + " class's: ") + String.join("; ", wrong));
        if (everyClassOnce) {
            Set<RequestClass> missing = EnumSet.allOf(RequestClass.class);
            missing.removeAll(seen);
            verdict.expected("classes", RequestClass.values().length).observed("classes", seen.size());
            verdict.check(missing.isEmpty(), "classes never sent: " + missing);
        }
        return verdict.build();
    }
}
