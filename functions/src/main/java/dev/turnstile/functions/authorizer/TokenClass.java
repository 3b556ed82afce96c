package dev.turnstile.functions.authorizer;

/**
 * The classes of token the Turnstile authorizers understand, named by the token value itself.
 *
 * <p>Tokens are compared exactly (case-sensitive), like the AWS blueprint authorizer the suite imitates:
 * a load test must know precisely which outcome each request should get.
 */
public enum TokenClass {
    /** {@code allow}: an Allow policy (subject to the tenant rule of the REQUEST authorizer). */
    ALLOW("allow"),
    /** {@code deny}: always a Deny policy, which API Gateway turns into 403. */
    DENY("deny");

    private final String token;

    TokenClass(String token) {
        this.token = token;
    }

    /** The token value, also reported to the integration as the {@code tokenClass} context key. */
    public String token() {
        return token;
    }

    /**
     * Classifies a token, or throws the failure API Gateway maps to a response.
     *
     * @throws UnauthorizedException for {@code unauthorized}, an empty or an absent token (API Gateway: 401)
     * @throws InvalidTokenException for any other token (API Gateway: 500, the function failed)
     */
    public static TokenClass of(String token) {
        if (token == null || token.isEmpty() || token.equals("unauthorized")) {
            throw new UnauthorizedException();
        }
        for (TokenClass candidate : values()) {
            if (candidate.token.equals(token)) {
                return candidate;
            }
        }
        throw new InvalidTokenException();
    }
}
