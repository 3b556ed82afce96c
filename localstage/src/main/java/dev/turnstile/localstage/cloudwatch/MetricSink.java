package dev.turnstile.localstage.cloudwatch;

import java.util.List;

/**
 * Where the gateway and the Lambda service publish their metrics in-process. Implemented by the durable
 * {@link MetricStore} that also serves the CloudWatch face, so a value recorded here is readable with
 * {@code CloudWatchClient} and the AWS CLI.
 */
public interface MetricSink {

    /**
     * Records values that share one timestamp (one request, one invocation), durably and all at once: a reader sees
     * all of them or none.
     *
     * @param timestampMillis epoch milliseconds on the publishing service's clock
     * @param data            the values
     */
    void record(long timestampMillis, List<MetricDatum> data);
}
