package dev.turnstile.localstage.usageplan;

import dev.turnstile.localstage.model.AccessLogConfig;
import dev.turnstile.localstage.model.ApiKeyConfig;
import dev.turnstile.localstage.model.MethodSetting;
import dev.turnstile.localstage.model.Route;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.UsagePlanConfig;
import dev.turnstile.localstage.model.UsagePlanConfig.Quota;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import java.util.List;
import java.util.Map;

/** Small stage models for usage-plan and usage-API tests. */
public final class StageFixture {

    public static final String API = "a1b2c3d4e5";
    public static final Route POST_ITEMS = new Route("POST", "/items", "res001", null, true, "WriterFunction", 29_000);
    public static final Route GET_ITEMS = new Route("GET", "/items", "res001", null, true, "WriterFunction", 29_000);
    public static final Route GET_HEALTH = new Route("GET", "/health", "res002", null, false, "WriterFunction", 29_000);

    public static final ApiKeyConfig KEY_A = new ApiKeyConfig("keyaaaaaaa", "KeyA", "key-a", "AAAAAAAAAAAAAAAAAAAAvalA", true);
    public static final ApiKeyConfig KEY_B = new ApiKeyConfig("keybbbbbbb", "KeyB", "key-b", "BBBBBBBBBBBBBBBBBBBBvalB", true);
    public static final ApiKeyConfig KEY_OFF = new ApiKeyConfig("keyoffffff", "KeyOff", "key-off", "OOOOOOOOOOOOOOOOOOOOvalO", false);
    public static final ApiKeyConfig KEY_NO_PLAN = new ApiKeyConfig("keynoplann", "KeyNoPlan", "key-no-plan", "NNNNNNNNNNNNNNNNNNNNvalN", true);

    private StageFixture() {
    }

    public static UsagePlanConfig plan(String id, Throttle throttle, Quota quota, Map<String, Throttle> methodThrottle,
                                       String... keyIds) {
        return new UsagePlanConfig(id, "Plan" + id, "plan-" + id, throttle, quota, methodThrottle, List.of(keyIds));
    }

    public static StageModel stage(List<UsagePlanConfig> plans, List<MethodSetting> methodSettings) {
        return new StageModel(API, "Prod", "us-east-1", "123456789012", StageModel.ApiKeySource.HEADER,
                List.of(POST_ITEMS, GET_ITEMS, GET_HEALTH), Map.of(), plans,
                List.of(KEY_A, KEY_B, KEY_OFF, KEY_NO_PLAN),
                new AccessLogConfig("/aws/apigateway/access", "$context.requestId", null),
                methodSettings, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }
}
