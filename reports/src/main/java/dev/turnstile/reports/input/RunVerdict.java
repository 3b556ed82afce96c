package dev.turnstile.reports.input;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A simulation's verdict from {@code verdict.json} in its run folder. {@code expected} and {@code observed}
 * are kept as JSON because each simulation states them its own way; other fields are ignored.
 *
 * @param simulation simulation name
 * @param expected   what the simulation expected (any JSON)
 * @param observed   what it observed (any JSON)
 * @param pass       whether it passed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunVerdict(String simulation, JsonNode expected, JsonNode observed, boolean pass) {
}
