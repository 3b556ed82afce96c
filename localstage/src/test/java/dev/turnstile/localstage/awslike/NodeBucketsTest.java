package dev.turnstile.localstage.awslike;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a throttle is shared by gateway nodes (docs/aws-behaviour.md §15.3). */
class NodeBucketsTest {

    private static int[] bursts(NodeBuckets b) {
        int[] out = new int[b.nodeCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.on(i).burstLimit();
        }
        return out;
    }

    @Test
    void sharesAddUpToThePlan() {
        NodeBuckets b = new NodeBuckets(100, 200, 8, 1.0, 0);
        assertThat(bursts(b)).containsOnly(25);
        assertThat(b.on(3).rateLimit()).isEqualTo(12.5);
        assertThat(b.rateLimit()).isEqualTo(100);
        assertThat(b.burstLimit()).isEqualTo(200);
    }

    @Test
    void theBurstRemainderGoesToTheFirstNodes() {
        assertThat(bursts(new NodeBuckets(10, 10, 4, 1.0, 0))).containsExactly(3, 3, 2, 2);
    }

    @Test
    void everyNodeHoldsAtLeastOneToken() {
        assertThat(bursts(new NodeBuckets(1, 2, 4, 1.0, 0))).containsExactly(1, 1, 1, 1);
    }

    @Test
    void oneNodeIsThePlansBucket() {
        NodeBuckets b = new NodeBuckets(10, 20, 1, 1.0, 0);
        assertThat(b.on(0).burstLimit()).isEqualTo(20);
        assertThat(b.on(0).rateLimit()).isEqualTo(10);
    }

    @Test
    void theOverAdmissionFactorScalesRateAndBurst() {
        NodeBuckets b = new NodeBuckets(100, 200, 1, 1.25, 0);
        assertThat(b.on(0).burstLimit()).isEqualTo(250);
        assertThat(b.on(0).rateLimit()).isEqualTo(125);
        assertThat(b.burstLimit()).isEqualTo(200);
    }
}
