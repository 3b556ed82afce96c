package dev.turnstile.simulations;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of request the simulations send, each with the answer API Gateway must give (docs/aws-behaviour.md §1.2, §2) for
 * the repository's template: the TOKEN authorizer on {@code POST /items}, the REQUEST authorizer (header
 * {@code authorizationToken} + query {@code tenant}) on {@code POST /tenant-items}, API keys required on both.
 * The class name travels in the ledger's {@code scenario} field ({@code <Simulation>:<class>}) so a verdict — or a
 * merge of several injectors' ledgers — can tell what each answer should have been.
 */
public enum RequestClass {
    KEY_ALLOW("key-allow", "POST", "/items", KeyUse.PLAN, "allow", null, Body.JSON, Outcome.OK),
    KEY_DENY("key-deny", "POST", "/items", KeyUse.PLAN, "deny", null, Body.JSON, Outcome.EXPLICIT_DENY),
    KEY_UNAUTHORIZED("key-unauthorized", "POST", "/items", KeyUse.PLAN, "unauthorized", null, Body.JSON,
            Outcome.UNAUTHORIZED),
    KEY_INVALID_TOKEN("key-invalid-token", "POST", "/items", KeyUse.PLAN, "not-a-known-token", null, Body.JSON,
            Outcome.AUTHORIZER_ERROR),
    KEY_MISSING_TOKEN("key-missing-token", "POST", "/items", KeyUse.PLAN, null, null, Body.JSON, Outcome.UNAUTHORIZED),
    NO_KEY_ALLOW("no-key-allow", "POST", "/items", KeyUse.NONE, "allow", null, Body.JSON, Outcome.FORBIDDEN),
    WRONG_KEY_ALLOW("wrong-key-allow", "POST", "/items", KeyUse.WRONG, "allow", null, Body.JSON, Outcome.FORBIDDEN),
    KEY_ALLOW_MALFORMED_BODY("key-allow-malformed-body", "POST", "/items", KeyUse.PLAN, "allow", null, Body.MALFORMED,
            Outcome.BAD_REQUEST),
    GET_ON_POST_ROUTE("get-on-post-route", "GET", "/items", KeyUse.PLAN, "allow", null, Body.NONE,
            Outcome.MISSING_AUTHENTICATION_TOKEN),
    UNKNOWN_PATH("unknown-path", "POST", "/no-such-resource", KeyUse.PLAN, "allow", null, Body.JSON,
            Outcome.MISSING_AUTHENTICATION_TOKEN),
    TENANT_ALLOWED("tenant-allowed", "POST", "/tenant-items", KeyUse.PLAN, "allow", Tenant.ALLOWED, Body.JSON,
            Outcome.OK),
    TENANT_NOT_ALLOWED("tenant-not-allowed", "POST", "/tenant-items", KeyUse.PLAN, "allow", Tenant.NOT_ALLOWED,
            Body.JSON, Outcome.EXPLICIT_DENY),
    TENANT_DENY_TOKEN("tenant-deny-token", "POST", "/tenant-items", KeyUse.PLAN, "deny", Tenant.ALLOWED, Body.JSON,
            Outcome.EXPLICIT_DENY),
    TENANT_MISSING("tenant-missing", "POST", "/tenant-items", KeyUse.PLAN, "allow", Tenant.MISSING, Body.JSON,
            Outcome.UNAUTHORIZED);

    /** Which API key the request carries. */
    public enum KeyUse { PLAN, NONE, WRONG }

    /** Which {@code tenant} query value a REQUEST-authorizer request carries (null: not a REQUEST route). */
    public enum Tenant { ALLOWED, NOT_ALLOWED, MISSING }

    /** What the body is. */
    public enum Body { JSON, MALFORMED, NONE }

    /** A tenant the template's {@code AllowedTenants} never lists. */
    public static final String UNLISTED_TENANT = "tenant-not-listed";

    private final String id;
    private final String method;
    private final String path;
    private final KeyUse key;
    private final String token;
    private final Tenant tenant;
    private final Body body;
    private final Outcome expected;

    RequestClass(String id, String method, String path, KeyUse key, String token, Tenant tenant, Body body,
                 Outcome expected) {
        this.id = id;
        this.method = method;
        this.path = path;
        this.key = key;
        this.token = token;
        this.tenant = tenant;
        this.body = body;
        this.expected = expected;
    }

    public String id() { return id; }
    public String method() { return method; }
    public String path() { return path; }
    public KeyUse key() { return key; }
    /** The {@code authorizationToken} value, or null for none. */
    public String token() { return token; }
    /** The tenant kind for REQUEST-authorizer routes, or null. */
    public Tenant tenant() { return tenant; }
    public Body body() { return body; }
    public Outcome expected() { return expected; }

    /** {@code VERB /path} as the ledger records it. */
    public String route() {
        return method + " " + path;
    }

    /**
     * The ledger's token class: the token's class ({@code allow}, {@code deny}, {@code unauthorized}, {@code invalid},
     * {@code missing}) and, for the REQUEST authorizer, {@code /<tenant>} — the identity the authorizer cache keys on.
     */
    public String tokenClass(String allowedTenant) {
        String tokenClass = token == null ? "missing"
                : token.equals("allow") || token.equals("deny") || token.equals("unauthorized") ? token : "invalid";
        if (tenant == null) {
            return tokenClass;
        }
        return tokenClass + "/" + switch (tenant) {
            case ALLOWED -> allowedTenant;
            case NOT_ALLOWED -> UNLISTED_TENANT;
            case MISSING -> "missing";
        };
    }

    /** The ledger's scenario value: {@code <simulation>:<class id>}. */
    public String scenario(String simulation) {
        return simulation + ":" + id;
    }

    /** The class named in a ledger scenario value, if any. */
    public static Optional<RequestClass> fromScenario(String scenario) {
        if (scenario == null || scenario.indexOf(':') < 0) {
            return Optional.empty();
        }
        String id = scenario.substring(scenario.indexOf(':') + 1);
        int step = id.indexOf(':');
        String classId = step < 0 ? id : id.substring(0, step);
        return Arrays.stream(values()).filter(c -> c.id.equals(classId)).findFirst();
    }
}
