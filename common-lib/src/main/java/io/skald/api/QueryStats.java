package io.skald.api;

import tools.jackson.core.JsonGenerator;

/** The {@code stats} object of a query response (Loki's shape); figures the query path measured. */
public record QueryStats(
        long totalBytesProcessed,
        long totalLinesProcessed,
        double execTimeSeconds,
        double queueTimeSeconds,
        long totalChunksRef,
        long totalChunksDownloaded) {

    public static final QueryStats EMPTY = new QueryStats(0, 0, 0, 0, 0, 0);

    void write(JsonGenerator json) {
        json.writeStartObject();
        json.writeName("summary");
        json.writeStartObject();
        long bytesPerSecond = execTimeSeconds > 0 ? (long) (totalBytesProcessed / execTimeSeconds) : 0;
        long linesPerSecond = execTimeSeconds > 0 ? (long) (totalLinesProcessed / execTimeSeconds) : 0;
        json.writeNumberProperty("bytesProcessedPerSecond", bytesPerSecond);
        json.writeNumberProperty("linesProcessedPerSecond", linesPerSecond);
        json.writeNumberProperty("totalBytesProcessed", totalBytesProcessed);
        json.writeNumberProperty("totalLinesProcessed", totalLinesProcessed);
        json.writeNumberProperty("execTime", execTimeSeconds);
        json.writeNumberProperty("queueTime", queueTimeSeconds);
        json.writeEndObject();
        writeSide(json, "querier", 0, 0);
        writeSide(json, "ingester", 0, 0);
        json.writeName("store");
        json.writeStartObject();
        json.writeNumberProperty("totalChunksRef", totalChunksRef);
        json.writeNumberProperty("totalChunksDownloaded", totalChunksDownloaded);
        json.writeNumberProperty("chunksDownloadTime", 0);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeSide(JsonGenerator json, String name, long bytes, long lines) {
        json.writeName(name);
        json.writeStartObject();
        json.writeNumberProperty("decompressedBytes", bytes);
        json.writeNumberProperty("decompressedLines", lines);
        json.writeEndObject();
    }
}
