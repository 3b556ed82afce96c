package dev.turnstile.conformance.http;

import dev.turnstile.conformance.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stage answered to one {@link StageRequest}, plus the ledger entry recorded for it.
 *
 * @param status  HTTP status
 * @param headers response headers (names lower-case, as java.net.http gives them)
 * @param body    body bytes
 * @param entry   the ledger line written for this exchange
 */
public record StageResponse(int status, Map<String, List<String>> headers, byte[] body, LedgerEntry entry) {

    /** The first value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /** {@code x-amzn-RequestId}, or null. */
    public String requestId() {
        return header("x-amzn-RequestId").orElse(null);
    }

    /** {@code x-amz-apigw-id} (API Gateway's extended request id, the writer's item key), or null. */
    public String extendedRequestId() {
        return header("x-amz-apigw-id").orElse(null);
    }

    /** {@code x-amzn-ErrorType}, or null. */
    public String errorType() {
        return header("x-amzn-ErrorType").orElse(null);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Status, error type and body on one line, for assertion messages and the summary. */
    public String describe() {
        String text = bodyText();
        return status + (errorType() == null ? "" : " " + errorType()) + " "
                + (text.length() > 200 ? text.substring(0, 200) + "…(" + body.length + " bytes)" : text);
    }
}
