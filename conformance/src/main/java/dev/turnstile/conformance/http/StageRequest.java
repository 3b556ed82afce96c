package dev.turnstile.conformance.http;

import dev.turnstile.stage.profile.SecretMask;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the stage's invoke URL, with what the ledger needs to know about it (key id, token class,
 * scenario). Secrets (key value, token) are never shown unmasked by {@link #toString()}.
 *
 * @param method     HTTP verb
 * @param path       resource path below the stage, e.g. {@code /items}
 * @param query      raw query string without {@code ?}, or null
 * @param headers    extra headers (besides {@code x-api-key} and {@code authorizationToken})
 * @param body       request body bytes, or null for none
 * @param apiKeyValue value sent in {@code x-api-key}, or null for none
 * @param apiKeyId   key id recorded in the ledger (null for none or a deliberately invalid key)
 * @param token      value sent in {@code authorizationToken}, or null for none
 * @param tokenClass what the authorization identity was, for the ledger (e.g. {@code allow}, {@code missing})
 * @param scenario   test or simulation name recorded in the ledger
 */
public record StageRequest(String method, String path, String query, Map<String, String> headers, byte[] body,
                           String apiKeyValue, String apiKeyId, String token, String tokenClass, String scenario) {

    /** Header of the TOKEN and REQUEST authorizers' identity (template contract). */
    public static final String TOKEN_HEADER = "authorizationToken";

    public StageRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        headers = Map.copyOf(headers);
    }

    /** A builder for {@code method path}. */
    public static Builder to(String method, String path) {
        return new Builder(method, path);
    }

    /** {@code VERB /path} (no query) as the ledger records it. */
    public String route() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return "StageRequest[" + route() + (query == null ? "" : "?" + query) + ", apiKeyId=" + apiKeyId
                + ", apiKey=" + SecretMask.mask(apiKeyValue) + ", token=" + SecretMask.mask(token)
                + ", tokenClass=" + tokenClass + ", bodyBytes=" + (body == null ? 0 : body.length) + "]";
    }

    /** Builder for {@link StageRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String query;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private String apiKeyValue;
        private String apiKeyId;
        private String token;
        private String tokenClass = "missing";
        private String scenario;

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Raw query string without {@code ?} (callers encode it). */
        public Builder query(String value) { this.query = value; return this; }
        public Builder header(String name, String value) { this.headers.put(name, value); return this; }
        public Builder body(byte[] value) { this.body = value; return this; }
        public Builder body(String value) { this.body = value.getBytes(StandardCharsets.UTF_8); return this; }
        /** JSON body with {@code Content-Type: application/json}. */
        public Builder json(String value) { header("Content-Type", "application/json"); return body(value); }

        /** Sends a key from the profile (its id goes into the ledger). */
        public Builder apiKey(ApiKeyInfo key) {
            this.apiKeyValue = key.value();
            this.apiKeyId = key.id();
            return this;
        }

        /** Sends a raw key value; {@code idForLedger} is null for a deliberately wrong key. */
        public Builder apiKeyValue(String value, String idForLedger) {
            this.apiKeyValue = value;
            this.apiKeyId = idForLedger;
            return this;
        }

        /** Sends {@code authorizationToken: token}; the token class is the token itself (fixed tokens per class). */
        public Builder token(String value) {
            this.token = value;
            this.tokenClass = value;
            return this;
        }

        /** Overrides the ledger's token class (e.g. {@code allow/tenant-a} for the REQUEST authorizer). */
        public Builder tokenClass(String value) { this.tokenClass = value; return this; }
        /** Client-chosen request id (API Gateway honours a UUID in {@code x-amzn-RequestId}). */
        public Builder requestId(String value) { return header("x-amzn-RequestId", value); }
        public Builder scenario(String value) { this.scenario = value; return this; }

        public StageRequest build() {
            return new StageRequest(method, path, query, headers, body, apiKeyValue, apiKeyId, token, tokenClass,
                    scenario);
        }
    }
}
