package dev.turnstile.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kubernetes' $(VAR) rules, case by case. */
class KubernetesExpansionTest {

    static final Map<String, String> ENV = Map.of("RUN", "nightly", "JOB_COMPLETION_INDEX", "3");

    @Test
    void aKnownReferenceIsItsValue() {
        assertThat(KubernetesExpansion.expand("$(RUN)/injector-$(JOB_COMPLETION_INDEX)", ENV))
                .isEqualTo("nightly/injector-3");
    }

    @Test
    void anUnknownReferenceStaysAsWritten() {
        assertThat(KubernetesExpansion.expand("a$(NOPE)b", ENV)).isEqualTo("a$(NOPE)b");
    }

    @Test
    void aDoubledDollarIsOneDollarAndEscapesTheReference() {
        assertThat(KubernetesExpansion.expand("$$(RUN) $$ x", ENV)).isEqualTo("$(RUN) $ x");
    }

    @Test
    void aDollarWithoutAReferenceIsItself() {
        assertThat(KubernetesExpansion.expand("$RUN $( unclosed $", ENV)).isEqualTo("$RUN $( unclosed $");
    }
}
