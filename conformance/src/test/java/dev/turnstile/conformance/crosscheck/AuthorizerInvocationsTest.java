package dev.turnstile.conformance.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.ledger.LedgerEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerInvocationsTest {

    private static LedgerEntry e(String token, int status, String errorType, long time) {
        return new LedgerEntry("r", "id-" + time, "POST /items", "k", token, status, errorType, 10, time, 0, "t");
    }

    @Test
    void oneInvocationPerIdentityAndTtlWindow() {
        List<LedgerEntry> entries = List.of(
                e("allow", 200, null, 0), e("allow", 200, null, 1_000), e("allow", 200, null, 299_999),
                e("allow", 200, null, 300_000), e("deny", 403, "AccessDeniedException", 500),
                e("deny", 403, "AccessDeniedException", 2_000));
        AuthorizerInvocations.Range range = AuthorizerInvocations.expected(entries, 300, t -> t);
        // cold: allow misses at 0 and 300000, deny at 500 → 3; warm: allow only at 300000, deny never → 1
        assertThat(range).isEqualTo(new AuthorizerInvocations.Range(1, 3));
    }

    @Test
    void unauthorizedAndErrorsAreNeverCachedAndMissingIdentitiesNeverInvoke() {
        List<LedgerEntry> entries = List.of(
                e("unauthorized", 401, "UnauthorizedException", 0), e("unauthorized", 401, "UnauthorizedException", 100),
                e("bogus", 500, "AuthorizerConfigurationException", 200),
                e("missing", 401, "UnauthorizedException", 300), e("allow/missing", 401, "UnauthorizedException", 400),
                new LedgerEntry("r", "x", "GET /nope", "k", "allow", 403, "MissingAuthenticationTokenException", 1, 500, 0, "t"));
        assertThat(AuthorizerInvocations.expected(entries, 300, t -> t)).isEqualTo(new AuthorizerInvocations.Range(3, 3));
    }

    @Test
    void ttlZeroInvokesEveryTimeAndOverlappingRequestsWidenTheMaximum() {
        List<LedgerEntry> entries = List.of(e("allow", 200, null, 0), e("allow", 200, null, 1));
        assertThat(AuthorizerInvocations.expected(entries, 0, t -> t)).isEqualTo(new AuthorizerInvocations.Range(2, 2));
        // the second was sent 1 ms after the first, whose answer took 10 ms: it may have missed as well
        assertThat(AuthorizerInvocations.expected(entries, 300, t -> t)).isEqualTo(new AuthorizerInvocations.Range(0, 2));
    }

    @Test
    void stageTimeDecidesExpiry() {
        List<LedgerEntry> entries = List.of(e("allow", 200, null, 0), e("allow", 200, null, 5_000));
        // the stage clock jumped 301 s between the two sends
        assertThat(AuthorizerInvocations.expected(entries, 300, t -> t < 1_000 ? t : t + 301_000))
                .isEqualTo(new AuthorizerInvocations.Range(1, 2));
    }
}
