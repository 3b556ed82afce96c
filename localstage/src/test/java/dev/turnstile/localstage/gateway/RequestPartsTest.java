package dev.turnstile.localstage.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.gateway.authorizer.AuthorizerCache;
import dev.turnstile.localstage.gateway.authorizer.AuthorizerResult;
import dev.turnstile.localstage.time.StageClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query parsing, percent-decoding, id shapes and the authorizer cache on its own. */
class RequestPartsTest {

    @Test
    void queryKeepsOrderAllValuesAndDecodes() {
        QueryParameters q = QueryParameters.parse("a=1&b=x+y&a=2&c&=v&d=%E2%82%AC&e=%zz&&");
        assertThat(q.all()).containsExactly(Map.entry("a", List.of("1", "2")), Map.entry("b", List.of("x y")),
                Map.entry("c", List.of("")), Map.entry("", List.of("v")), Map.entry("d", List.of("€")),
                Map.entry("e", List.of("%zz")));
        assertThat(q.last("a")).isEqualTo("2");
        assertThat(QueryParameters.parse(null).isEmpty()).isTrue();
    }

    @Test
    void pathDecodingKeepsPlus() {
        String s = "a+b%20c%2F%F0%9F%98%80";
        assertThat(PercentDecoder.decode(s, 0, s.length(), false)).isEqualTo("a+b c/😀");
        assertThat(PercentDecoder.decode("x%4", 0, 3, false)).isEqualTo("x%4");
    }

    @Test
    void idShapes() {
        assertThat(RequestIds.requestId(null)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(RequestIds.extendedRequestId()).matches("[A-Za-z0-9+/]{14}[AEIMQUYcgkosw048]=");
        assertThat(RequestIds.hex32()).matches("[0-9a-f]{32}");
        assertThat(RequestIds.traceId(1_795_600_800_000L)).matches("1-6b06b1a0-[0-9a-f]{24}");
        assertThat(RequestIds.segmentId()).matches("[0-9a-f]{16}");
        assertThat(RequestIds.isUuid("0F0E0D0C-0B0A-4908-8706-050403020100")).isTrue();
        assertThat(RequestIds.isUuid("0f0e0d0c-0b0a-4908-8706-05040302010")).isFalse();
        assertThat(RequestIds.isUuid("0f0e0d0cX0b0a-4908-8706-050403020100")).isFalse();
    }

    @Test
    void cacheExpiresOnTheStageClockAndTtlZeroStoresNothing() {
        StageClock clock = StageClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
        AuthorizerCache cache = new AuthorizerCache(clock);
        AuthorizerResult result = new AuthorizerResult("p", List.of(), Map.of(), null);
        cache.put("k", result, 10);
        cache.put("zero", result, 0);
        assertThat(cache.get("zero")).isNull();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(cache.get("k")).isSameAs(result);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("k")).isNull();
        assertThat(cache.size()).isZero();
    }
}
