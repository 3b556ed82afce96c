package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.awslike.NodeBuckets;
import dev.turnstile.localstage.awslike.NodeQuotaView;
import dev.turnstile.localstage.awslike.UsageLag;
import dev.turnstile.localstage.awslike.UsagePlanBehaviour;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsageDecision.Verdict;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import dev.turnstile.stage.usageplan.TokenBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage-plan step
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html;
 * the order of the checks is a local choice:
 * docs/aws-behaviour.md §12) and the state behind the usage API: API keys with a
 * run-time enabled flag, token buckets (usage-plan method, usage-plan key, stage method, account) and quotas.
 *
 * <p><b>All-or-nothing.</b> The buckets of one request are locked in a fixed order — the key's plan state,
 * then the route's stage bucket, then the account bucket — and each is only <em>checked</em> under those
 * locks; tokens and quota are taken only after every check passed. The fixed order rules out deadlock, and
 * a request rejected by a later bucket (or by its quota) leaves the earlier ones untouched.
 *
 * <p><b>Persistence.</b> Every request a quota counts is journalled ({@link UsageJournal}, group commit) and
 * forced to disk before {@link #check} returns it as admitted, so usage counted for a request that got an answer
 * survives a {@code kill -9}: a restart replays the journal over the last snapshot. Snapshots of quota counters,
 * daily usage and key state ({@code <stateDir>/usage-state.json}) are written at most once a second when something
 * changed, immediately after a control-plane change, and on {@link #close()}; each write is atomic (temporary file,
 * forced, then moved), and journal segments are deleted only once a snapshot that includes them is on disk.
 * Token buckets are not persisted: they start full after a restart.
 *
 * <p><b>Exact or AWS-like.</b> A {@link UsagePlanBehaviour} says how many gateway nodes share each usage-plan and
 * stage throttle and count quotas, and how long {@code GetUsage} lags; the default ({@link UsagePlanBehaviour#exact()})
 * is one node and no lag, the exact behaviour above. Each request is decided by one node, with that node's share of
 * every bucket (docs/aws-behaviour.md §15.3).
 */
public final class UsagePlanService implements UsagePlanEnforcer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsagePlanService.class);

    private final StageModel model;
    private final StageClock clock;
    private final Throttle accountThrottle;
    private final UsageStateStore store;
    private final UsageJournal journal;
    private final TokenBucket accountBucket;
    private final Map<String, KeyEntry> keysByValue = new HashMap<>();
    private final Map<String, KeyEntry> keysById = new LinkedHashMap<>();
    private final Map<String, UsagePlanConfig> plansById = new LinkedHashMap<>();
    /** Quota counters by plan id then key id (every key of every plan, for GetUsage). */
    private final Map<String, Map<String, PlanKey>> planKeys = new LinkedHashMap<>();
    private final Map<Route, RouteState> routes = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService snapshots;
    private final UsageDecision missingKey;
    private final UsagePlanBehaviour behaviour;

    /**
     * Builds the service and restores any state saved in {@code stateDir}.
     *
     * @param model           the stage
     * @param clock           the stage clock
     * @param stateDir        the usage state directory ({@code dataDir/usage}); created when missing
     * @param accountThrottle the account-level throttle (AWS default 10,000 rps, burst 5,000)
     */
    public UsagePlanService(StageModel model, StageClock clock, Path stateDir, Throttle accountThrottle) {
        this(model, clock, stateDir, accountThrottle, UsagePlanBehaviour.exact());
    }

    /**
     * Builds the service with an exact or AWS-like {@code behaviour} and restores any state saved in {@code stateDir}.
     */
    public UsagePlanService(StageModel model, StageClock clock, Path stateDir, Throttle accountThrottle,
                            UsagePlanBehaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accountThrottle = Objects.requireNonNull(accountThrottle, "accountThrottle");
        this.store = new UsageStateStore(Objects.requireNonNull(stateDir, "stateDir"));
        long now = clock.millis();
        this.accountBucket = new TokenBucket(accountThrottle.rateLimit(), accountThrottle.burstLimit(), now);
        this.missingKey = new UsageDecision(Verdict.INVALID_API_KEY, null, null,
                "API Key not authorized because method requires API Key and API Key is missing or not valid");
        Optional<UsageStateStore.Snapshot> saved = store.load();
        buildKeys(now, saved.orElse(null));
        buildPlans(now, saved.orElse(null));
        for (Route route : model.routes()) {
            routes.put(route, newRouteState(route, now));
        }
        long[] replayed = new long[2];
        this.journal = UsageJournal.open(store.file().getParent(), c -> replay(c, replayed));
        if (replayed[0] + replayed[1] > 0) {
            LOG.info("usage journal: {} counted request(s) replayed over the snapshot, {} already in it", replayed[0],
                    replayed[1]);
        }
        checkpoint();
        this.snapshots = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-plan-snapshot");
            t.setDaemon(true);
            return t;
        });
        snapshots.scheduleWithFixedDelay(this::snapshotIfDirty, 1, 1, TimeUnit.SECONDS);
    }

    private void buildKeys(long now, UsageStateStore.Snapshot saved) {
        for (ApiKeyConfig key : model.apiKeys()) {
            ApiKeyState state = new ApiKeyState(key, now);
            UsageStateStore.KeySnapshot s = saved == null || saved.apiKeys() == null ? null : saved.apiKeys().get(key.id());
            if (s != null) {
                state.enabled = s.enabled();
                state.name = s.name();
                state.description = s.description();
                state.createdMillis = s.createdDate();
                state.lastUpdatedMillis = s.lastUpdatedDate();
            }
            KeyEntry entry = new KeyEntry(state);
            keysByValue.put(key.value(), entry);
            keysById.put(key.id(), entry);
        }
    }

    private void buildPlans(long now, UsageStateStore.Snapshot saved) {
        for (UsagePlanConfig plan : model.usagePlans()) {
            // the template reader checked the plans: unique key values, method throttles of known methods,
            // keys of the template, each key in at most one plan of this stage
            plansById.put(plan.id(), plan);
            Map<String, PlanKey> byKey = new LinkedHashMap<>();
            for (String keyId : plan.apiKeyIds()) {
                KeyEntry entry = keysById.get(keyId);
                Map<String, UsageStateStore.CounterSnapshot> savedPlan =
                        saved == null || saved.quotas() == null ? null : saved.quotas().get(plan.id());
                UsageStateStore.CounterSnapshot savedCounter = savedPlan == null ? null : savedPlan.get(keyId);
                QuotaCounter counter = savedCounter == null ? QuotaCounter.startingAt(plan.quota(), now)
                        : QuotaCounter.restore(plan.quota(), savedCounter);
                PlanKey pk = new PlanKey(plan, keyId, counter, now);
                entry.planKey = pk;
                byKey.put(keyId, pk);
            }
            planKeys.put(plan.id(), byKey);
        }
    }

    /** Applies one journalled consumption at start; {@code counts} = [replayed, already in the snapshot]. */
    private void replay(UsageJournal.Consumed c, long[] counts) {
        PlanKey pk = planKeys.getOrDefault(c.planId(), Map.of()).get(c.keyId());
        if (pk == null) {
            // the template no longer has this plan or key: its usage has nothing left to count against
            return;
        }
        counts[pk.counter.replay(c.seq(), c.atMillis()) ? 0 : 1]++;
    }

    private RouteState newRouteState(Route route, long now) {
        NodeBuckets stage = model.methodSetting(route.resourcePath(), route.httpMethod())
                .filter(s -> s.throttlingRateLimit() != null || s.throttlingBurstLimit() != null)
                .map(s -> stageBucket(s, now))
                .orElse(null);
        return new RouteState(route, stage);
    }

    private NodeBuckets stageBucket(MethodSetting s, long now) {
        // an unset half of a stage throttle means the AWS default, which is the account's
        double rate = s.throttlingRateLimit() != null ? s.throttlingRateLimit() : accountThrottle.rateLimit();
        int burst = s.throttlingBurstLimit() != null ? s.throttlingBurstLimit() : accountThrottle.burstLimit();
        return new NodeBuckets(rate, burst, behaviour.nodes().count(), 1.0, now);
    }

    @Override
    public UsageDecision check(Route route, String apiKeyValue) {
        RouteState rs = routes.computeIfAbsent(route, r -> newRouteState(r, clock.millis()));
        if (!route.apiKeyRequired()) {
            return notMetered(rs);
        }
        KeyEntry key = apiKeyValue == null ? null : keysByValue.get(apiKeyValue);
        if (key == null) {
            return missingKey;
        }
        PlanKey pk = key.planKey;
        if (!key.state.enabled) {
            return key.disabled(route);
        }
        if (pk == null) {
            return key.noPlan(route);
        }
        // the gateway node that decides this request, with its share of every bucket (one node: the buckets)
        int node = behaviour.nodes().next();
        NodeBuckets methodShared = pk.methodBuckets.get(rs.throttleKey);
        TokenBucket methodBucket = methodShared == null ? null : methodShared.on(node);
        TokenBucket keyBucket = pk.keyBucket == null ? null : pk.keyBucket.on(node);
        TokenBucket stageBucket = rs.stageBucket == null ? null : rs.stageBucket.on(node);
        long ticket;
        Rejection rejection = null;
        synchronized (pk) {
            synchronized (rs) {
                synchronized (accountBucket) {
                    // the time is read under the locks: every bucket is touched only under the account bucket's
                    // lock, so each sees its times in order. Read before the locks, a thread that waited for them
                    // brought an older time, the bucket re-anchored backwards (TokenBucket.refill) and the next
                    // request refilled the same milliseconds again: a 400-request Burst spike admitted 301 and 377
                    // where burst + rate × spike allowed 267 and 334 (UsagePlanServiceTest shows the interleaving)
                    long now = clock.millis();
                    if (methodBucket != null && !methodBucket.hasToken(now)) {
                        rejection = Rejection.METHOD_THROTTLE;
                    } else if (keyBucket != null && !keyBucket.hasToken(now)) {
                        rejection = Rejection.KEY_THROTTLE;
                    } else if (stageBucket != null && !stageBucket.hasToken(now)) {
                        rejection = Rejection.STAGE_THROTTLE;
                    } else if (!accountBucket.hasToken(now)) {
                        rejection = Rejection.ACCOUNT_THROTTLE;
                    } else if (pk.quotaView == null ? pk.counter.exhausted(now)
                            : pk.quotaView.exhausted(node, now, () -> pk.counter.remaining(now))) {
                        rejection = Rejection.QUOTA;
                    }
                    if (rejection != null) {
                        ticket = -1;
                    } else {
                        if (methodBucket != null) {
                            methodBucket.take();
                        }
                        if (keyBucket != null) {
                            keyBucket.take();
                        }
                        if (pk.quotaView != null) {
                            pk.quotaView.consumed(node);
                        }
                        pk.lag.admitted(now);
                        if (stageBucket != null) {
                            stageBucket.take();
                        }
                        accountBucket.take();
                        // queued under the key's lock, so the journal holds each key's consumptions in order
                        ticket = journal.append(
                                new UsageJournal.Consumed(pk.plan.id(), pk.keyId, pk.counter.consume(now), now));
                    }
                }
            }
        }
        if (rejection != null) {
            // the message is built after the locks are released: every request of every key passes through the
            // account bucket's lock, and a String.format under it (each throttle 429's message) made the lock the
            // 429 path's one contended monitor (JFR: 1,336 blocked enters, 24 s, in 15 s; 17 and 0.2 s after),
            // bench/README.md "The 429 path"
            return switch (rejection) {
                case METHOD_THROTTLE -> pk.throttled(rs, methodShared);
                case KEY_THROTTLE -> pk.throttled(rs, pk.keyBucket);
                case STAGE_THROTTLE -> stageThrottled(rs, pk.keyId, pk.plan.id());
                case ACCOUNT_THROTTLE -> accountThrottled(pk.keyId, pk.plan.id());
                case QUOTA -> pk.quotaExceeded();
            };
        }
        dirty.lazySet(true);
        // an admitted request goes on to its integration only once its usage is on disk
        journal.awaitDurable(ticket);
        return pk.admitted;
    }

    /** Which check refused a request, decided under the locks; its decision is built after them. */
    private enum Rejection {
        METHOD_THROTTLE, KEY_THROTTLE, STAGE_THROTTLE, ACCOUNT_THROTTLE, QUOTA
    }

    private UsageDecision notMetered(RouteState rs) {
        TokenBucket stageBucket = rs.stageBucket == null ? null : rs.stageBucket.on(behaviour.nodes().next());
        Rejection rejection = null;
        synchronized (rs) {
            synchronized (accountBucket) {
                long now = clock.millis(); // under the locks, as in check
                if (stageBucket != null && !stageBucket.hasToken(now)) {
                    rejection = Rejection.STAGE_THROTTLE;
                } else if (!accountBucket.hasToken(now)) {
                    rejection = Rejection.ACCOUNT_THROTTLE;
                } else {
                    if (stageBucket != null) {
                        stageBucket.take();
                    }
                    accountBucket.take();
                }
            }
        }
        // the message outside the locks, as in check
        if (rejection == Rejection.STAGE_THROTTLE) {
            return stageThrottled(rs, null, null);
        }
        return rejection == Rejection.ACCOUNT_THROTTLE ? accountThrottled(null, null) : rs.notMetered;
    }

    private UsageDecision stageThrottled(RouteState rs, String keyId, String planId) {
        NodeBuckets b = rs.stageBucket;
        return new UsageDecision(Verdict.THROTTLED, keyId, planId, String.format(Locale.ROOT,
                "Method throttle limit exceeded for RestApi %s, Stage %s, Resource %s, HttpMethod %s. Limit: %.2f Burst: %d",
                model.restApiId(), model.stageName(), rs.route.resourcePath(), rs.route.httpMethod(),
                b.rateLimit(), b.burstLimit()));
    }

    private UsageDecision accountThrottled(String keyId, String planId) {
        return new UsageDecision(Verdict.THROTTLED, keyId, planId, String.format(Locale.ROOT,
                "Account throttle limit exceeded for RestApi %s, Stage %s. Limit: %.2f Burst: %d",
                model.restApiId(), model.stageName(), accountBucket.rateLimit(), accountBucket.burstLimit()));
    }

    // ---- the usage API's view -----------------------------------------------------------------------------

    /** The stage this service meters. */
    public StageModel model() {
        return model;
    }

    /** Every API key of the stage, in template order. */
    public List<ApiKeyView> apiKeys() {
        List<ApiKeyView> out = new ArrayList<>(keysById.size());
        keysById.values().forEach(e -> out.add(e.state.view()));
        return out;
    }

    /** One API key by id. */
    public Optional<ApiKeyView> apiKey(String keyId) {
        KeyEntry e = keysById.get(keyId);
        return e == null ? Optional.empty() : Optional.of(e.state.view());
    }

    /**
     * Changes a key ({@code UpdateApiKey}); takes effect on the next request and is on disk when this returns.
     *
     * @return the key after the change, or empty when no key has this id
     */
    public Optional<ApiKeyView> updateApiKey(String keyId, ApiKeyChanges changes) {
        KeyEntry e = keysById.get(keyId);
        if (e == null) {
            return Optional.empty();
        }
        e.state.apply(changes, clock.millis());
        saveNow();
        return Optional.of(e.state.view());
    }

    /** Usage plans attached to this stage, in template order. */
    public List<UsagePlanConfig> usagePlans() {
        return List.copyOf(plansById.values());
    }

    /** One usage plan by id. */
    public Optional<UsagePlanConfig> usagePlan(String planId) {
        return Optional.ofNullable(plansById.get(planId));
    }

    /**
     * Daily {@code [used, remaining]} pairs per key ({@code GetUsage}).
     *
     * @param planId the usage plan
     * @param keyId  one key, or null for every key of the plan
     * @param start  first UTC day, inclusive
     * @param end    last UTC day, inclusive
     * @return pairs per key id, one per day; empty map when the plan or the key in the plan is unknown
     */
    public Map<String, List<long[]>> usage(String planId, String keyId, LocalDate start, LocalDate end) {
        Map<String, PlanKey> byKey = planKeys.getOrDefault(planId, Map.of());
        long now = clock.millis();
        Map<String, List<long[]>> out = new LinkedHashMap<>();
        for (PlanKey pk : byKey.values()) {
            if (keyId == null || keyId.equals(pk.keyId)) {
                synchronized (pk) {
                    // AWS-like: what was admitted within the lag is not in the figures yet (one node: no lag)
                    out.put(pk.keyId, pk.lag.hide(pk.counter.daily(start, end, now), start, now,
                            pk.plan.quota() != null));
                }
            }
        }
        return out;
    }

    /** True when the key is in the plan. */
    public boolean planHasKey(String planId, String keyId) {
        return planKeys.getOrDefault(planId, Map.of()).containsKey(keyId);
    }

    /**
     * Sets what is left of a key's quota in the current period ({@code UpdateUsage replace /remaining}); on disk
     * when this returns.
     *
     * @return today's {@code [used, remaining]} after the change
     * @throws java.util.NoSuchElementException when the key is not in the plan
     * @throws IllegalArgumentException when the plan has no quota or {@code remaining} is negative
     */
    public long[] updateRemaining(String planId, String keyId, long remaining) {
        PlanKey pk = planKey(planId, keyId);
        if (pk.plan.quota() == null) {
            throw new IllegalArgumentException("usage plan " + planId + " has no quota");
        }
        long now = clock.millis();
        long[] today;
        synchronized (pk) {
            pk.counter.setRemaining(remaining, now);
            // a control-plane change reaches every node and the usage figures at once
            pk.lag.clear();
            if (pk.quotaView != null) {
                pk.quotaView.invalidate();
            }
            LocalDate d = QuotaPeriod.utcDate(now);
            today = pk.counter.daily(d, d, now).get(0);
        }
        saveNow();
        return today;
    }

    /** Requests a key used in the current quota period of a plan. */
    public long used(String planId, String keyId) {
        PlanKey pk = planKey(planId, keyId);
        synchronized (pk) {
            return pk.counter.used(clock.millis());
        }
    }

    /** Requests a key has left in the current quota period of a plan (0 when the plan has no quota). */
    public long remaining(String planId, String keyId) {
        PlanKey pk = planKey(planId, keyId);
        synchronized (pk) {
            return pk.counter.remaining(clock.millis());
        }
    }

    private PlanKey planKey(String planId, String keyId) {
        PlanKey pk = planKeys.getOrDefault(planId, Map.of()).get(keyId);
        if (pk == null) {
            throw new java.util.NoSuchElementException("API key " + keyId + " is not in usage plan " + planId);
        }
        return pk;
    }

    // ---- persistence ---------------------------------------------------------------------------------------

    private void snapshotIfDirty() {
        if (dirty.getAndSet(false)) {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                dirty.set(true); // try again on the next tick
                LOG.error("could not write the usage state file {}; retrying in 1 s", store.file(), e);
            }
        }
    }

    private void saveNow() {
        dirty.set(false);
        try {
            checkpoint();
        } catch (RuntimeException e) {
            dirty.set(true);
            throw e;
        }
    }

    /**
     * A snapshot that includes every journal segment finished now; those segments are deleted once it is on disk.
     * Serialised: the periodic snapshot and a control-plane change may ask at once.
     */
    private synchronized void checkpoint() {
        List<Path> finished = journal.rotate();
        try {
            store.save(snapshot());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the usage state file " + store.file(), e);
        }
        UsageJournal.delete(finished);
    }

    private UsageStateStore.Snapshot snapshot() {
        long now = clock.millis();
        Map<String, UsageStateStore.KeySnapshot> keys = new LinkedHashMap<>();
        for (KeyEntry e : keysById.values()) {
            ApiKeyState s = e.state;
            synchronized (s) {
                keys.put(s.config.id(), new UsageStateStore.KeySnapshot(s.enabled, s.name, s.description,
                        s.createdMillis, s.lastUpdatedMillis));
            }
        }
        Map<String, Map<String, UsageStateStore.CounterSnapshot>> quotas = new LinkedHashMap<>();
        planKeys.forEach((planId, byKey) -> {
            Map<String, UsageStateStore.CounterSnapshot> counters = new LinkedHashMap<>();
            for (PlanKey pk : byKey.values()) {
                synchronized (pk) {
                    counters.put(pk.keyId, pk.counter.snapshot(now));
                }
            }
            quotas.put(planId, counters);
        });
        return new UsageStateStore.Snapshot(now, keys, quotas);
    }

    /** Stops the snapshot thread, writes a final snapshot and closes the journal. */
    @Override
    public void close() {
        snapshots.shutdownNow();
        try {
            snapshots.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            saveNow();
        } finally {
            journal.close();
        }
    }

    // ---- per-key and per-route state -------------------------------------------------------------------

    /** One API key and its plan on this stage (null when the key is in no plan attached to the stage). */
    private final class KeyEntry {
        final ApiKeyState state;
        PlanKey planKey;

        KeyEntry(ApiKeyState state) {
            this.state = state;
        }

        UsageDecision disabled(Route route) {
            return new UsageDecision(Verdict.INVALID_API_KEY, state.config.id(),
                    planKey == null ? null : planKey.plan.id(),
                    "API Key " + state.config.maskedValue() + " not authorized because method '" + route.httpMethod()
                            + " " + route.resourcePath() + "' requires API Key and API Key is disabled");
        }

        UsageDecision noPlan(Route route) {
            return new UsageDecision(Verdict.INVALID_API_KEY, state.config.id(), null,
                    "API Key " + state.config.maskedValue() + " not authorized because method '" + route.httpMethod()
                            + " " + route.resourcePath() + "' requires API Key and API Key is not associated with a"
                            + " Usage Plan for API Stage " + model.restApiId() + "/" + model.stageName()
                            + ": No Usage Plan found for key and API stage");
        }
    }

    /** A key in a plan: its buckets, quota counter and the decisions that need no formatting. */
    private final class PlanKey {
        final UsagePlanConfig plan;
        final String keyId;
        final QuotaCounter counter;
        final NodeBuckets keyBucket;
        final Map<String, NodeBuckets> methodBuckets = new HashMap<>();
        final UsageDecision admitted;
        /** The nodes' views of the quota; null with one node or without a quota (the counter decides alone). */
        final NodeQuotaView quotaView;
        final UsageLag lag;

        PlanKey(UsagePlanConfig plan, String keyId, QuotaCounter counter, long now) {
            this.plan = plan;
            this.keyId = keyId;
            this.counter = counter;
            int nodes = behaviour.nodes().count();
            double admission = behaviour.planAdmission();
            this.keyBucket = plan.throttle() == null ? null
                    : new NodeBuckets(plan.throttle().rateLimit(), plan.throttle().burstLimit(), nodes, admission, now);
            plan.methodThrottle().forEach((k, t) -> methodBuckets.put(k,
                    new NodeBuckets(t.rateLimit(), t.burstLimit(), nodes, admission, now)));
            this.quotaView = nodes == 1 || plan.quota() == null ? null
                    : new NodeQuotaView(nodes, behaviour.quotaSyncMillis());
            this.lag = new UsageLag(behaviour.usageLagMillis());
            this.admitted = new UsageDecision(Verdict.ADMITTED, keyId, plan.id(), null);
        }

        UsageDecision throttled(RouteState rs, NodeBuckets bucket) {
            return new UsageDecision(Verdict.THROTTLED, keyId, plan.id(), String.format(Locale.ROOT,
                    "Key throttle limit exceeded for Usage Plan ID %s, RestApi %s, Stage %s, Resource %s, HttpMethod %s."
                            + " Limit: %.2f Burst: %d",
                    plan.id(), model.restApiId(), model.stageName(), rs.route.resourcePath(), rs.route.httpMethod(),
                    bucket.rateLimit(), bucket.burstLimit()));
        }

        UsageDecision quotaExceeded() {
            return new UsageDecision(Verdict.QUOTA_EXCEEDED, keyId, plan.id(), "Key quota exhausted for Usage Plan ID "
                    + plan.id() + ". Limit: " + plan.quota().limit() + " Period: " + plan.quota().period());
        }
    }

    /** A method's stage throttle and its precomputed usage-plan method-throttle key. */
    private static final class RouteState {
        final Route route;
        final String throttleKey;
        final NodeBuckets stageBucket;
        final UsageDecision notMetered = new UsageDecision(Verdict.NOT_METERED, null, null, null);

        RouteState(Route route, NodeBuckets stageBucket) {
            this.route = route;
            this.throttleKey = route.throttleKey();
            this.stageBucket = stageBucket;
        }
    }
}
