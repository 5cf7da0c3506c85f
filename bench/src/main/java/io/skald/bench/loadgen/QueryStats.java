package io.skald.bench.loadgen;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The figures of a Loki query response's {@code data.stats.summary}: bytes and lines processed and the server's
 * execution time in seconds; zeros when the response carries no stats.
 */
public record QueryStats(long totalBytesProcessed, long totalLinesProcessed, double execTimeSeconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static QueryStats parse(byte[] body) {
        JsonNode summary = JSON.readTree(body).path("data").path("stats").path("summary");
        return new QueryStats(
                summary.path("totalBytesProcessed").asLong(0),
                summary.path("totalLinesProcessed").asLong(0),
                summary.path("execTime").asDouble(0));
    }
}
