package dev.turnstile.conformance.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One exchange with the stage, as sent and seen by the client: a line of {@code ledger.jsonl}. The ledger
 * is the source of truth for verdicts, cross-checks, reports and multi-injector merges.
 *
 * @param runId      the run id (also sent as header {@code x-turnstile-run-id})
 * @param requestId  {@code x-amzn-RequestId} of the response (null when the stage could not be reached); a client
 *                   may choose it, so it identifies nothing (docs/aws-behaviour.md §1.1)
 * @param extendedRequestId {@code x-amz-apigw-id} of the response: API Gateway's own id for the request, which the
 *                   writer keys its item by and the access log carries; null when the stage could not be reached
 * @param route      {@code VERB /resource/path} as requested, e.g. {@code POST /items}
 * @param apiKeyId   id of the API key sent (null when none or deliberately invalid)
 * @param tokenClass what the caller sent as authorization: {@code allow}, {@code deny}, {@code unauthorized},
 *                   {@code invalid}, {@code missing}, or for REQUEST authorizers {@code allow/tenant-ok} etc.
 * @param status     HTTP status (0 when the stage could not be reached)
 * @param errorType  {@code x-amzn-ErrorType}, or null
 * @param latencyMs  client-observed latency in milliseconds
 * @param timeMs     send time, epoch milliseconds
 * @param injector   injector index for multi-injector runs (0 for a single injector)
 * @param scenario   the simulation or test that sent it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LedgerEntry(
        String runId,
        String requestId,
        String extendedRequestId,
        String route,
        String apiKeyId,
        String tokenClass,
        int status,
        String errorType,
        long latencyMs,
        long timeMs,
        int injector,
        String scenario) {

    /** An entry of a stage that sent no {@code x-amz-apigw-id} (and of tests that need none). */
    public LedgerEntry(String runId, String requestId, String route, String apiKeyId, String tokenClass, int status,
                       String errorType, long latencyMs, long timeMs, int injector, String scenario) {
        this(runId, requestId, null, route, apiKeyId, tokenClass, status, errorType, latencyMs, timeMs, injector,
                scenario);
    }

    /**
     * The id that joins this exchange with what the stage recorded (the item, the access-log line): the extended
     * request id, or the request id for a stage that sends none; null when unanswered.
     */
    public String joinId() {
        return extendedRequestId != null ? extendedRequestId : requestId;
    }

    /** True for a 2xx answer. */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
