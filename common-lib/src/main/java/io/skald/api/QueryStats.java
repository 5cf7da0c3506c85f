package io.skald.api;

import tools.jackson.core.JsonGenerator;

/**
 * The {@code stats} object of a query response, in Loki's shape: {@code summary}, {@code querier.store} (chunks read
 * from the object store), {@code ingester} (entries received from ingesters) and {@code cache}. Figures Skald does
 * not measure (caches, splits, shards, structured-metadata bytes) are written as zero.
 */
public record QueryStats(Summary summary, Store querier, Ingester ingester) {

    public static final QueryStats EMPTY =
            new QueryStats(Summary.EMPTY, Store.EMPTY, new Ingester(0, 0, 0, 0, Store.EMPTY));

    /**
     * What the whole query did. Bytes and lines processed are those read from chunks and ingesters, before
     * deduplication and filtering; {@code totalEntriesReturned} counts the entries (log queries) or series (metric
     * queries) of the answer.
     */
    public record Summary(
            long totalBytesProcessed,
            long totalLinesProcessed,
            double execTimeSeconds,
            double queueTimeSeconds,
            long totalEntriesReturned,
            long subqueries) {
        public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);
    }

    /** Line and byte counters of chunks read ({@code headChunk*}: from an ingester's open head block). */
    public record Chunk(
            long headChunkBytes,
            long headChunkLines,
            long decompressedBytes,
            long decompressedLines,
            long compressedBytes,
            long totalDuplicates) {
        public static final Chunk EMPTY = new Chunk(0, 0, 0, 0, 0, 0);
    }

    /** Chunk references found in the index, chunks downloaded, and their time to download (ns). */
    public record Store(long totalChunksRef, long totalChunksDownloaded, long chunksDownloadTimeNanos, Chunk chunk) {
        public static final Store EMPTY = new Store(0, 0, 0, Chunk.EMPTY);
    }

    /** Ingesters that answered, the chunks they matched, the messages and entries they sent, and what they read. */
    public record Ingester(
            long totalReached, long totalChunksMatched, long totalBatches, long totalLinesSent, Store store) {}

    /** The figures older callers measure: summary totals and store chunk counts only. */
    public QueryStats(
            long totalBytesProcessed,
            long totalLinesProcessed,
            double execTimeSeconds,
            double queueTimeSeconds,
            long totalChunksRef,
            long totalChunksDownloaded) {
        this(
                new Summary(totalBytesProcessed, totalLinesProcessed, execTimeSeconds, queueTimeSeconds, 0, 0),
                new Store(totalChunksRef, totalChunksDownloaded, 0, Chunk.EMPTY),
                EMPTY.ingester);
    }

    public long totalBytesProcessed() {
        return summary.totalBytesProcessed();
    }

    public long totalLinesProcessed() {
        return summary.totalLinesProcessed();
    }

    public double execTimeSeconds() {
        return summary.execTimeSeconds();
    }

    void write(JsonGenerator json) {
        json.writeStartObject();
        json.writeName("summary");
        json.writeStartObject();
        double seconds = summary.execTimeSeconds();
        long bytesPerSecond = seconds > 0 ? (long) (summary.totalBytesProcessed() / seconds) : 0;
        long linesPerSecond = seconds > 0 ? (long) (summary.totalLinesProcessed() / seconds) : 0;
        json.writeNumberProperty("bytesProcessedPerSecond", bytesPerSecond);
        json.writeNumberProperty("linesProcessedPerSecond", linesPerSecond);
        json.writeNumberProperty("totalBytesProcessed", summary.totalBytesProcessed());
        json.writeNumberProperty("totalLinesProcessed", summary.totalLinesProcessed());
        json.writeNumberProperty("execTime", seconds);
        json.writeNumberProperty("queueTime", summary.queueTimeSeconds());
        json.writeNumberProperty("subqueries", summary.subqueries());
        json.writeNumberProperty("totalEntriesReturned", summary.totalEntriesReturned());
        json.writeNumberProperty("splits", 0);
        json.writeNumberProperty("shards", 0);
        json.writeNumberProperty("totalPostFilterLines", 0);
        json.writeNumberProperty("totalStructuredMetadataBytesProcessed", 0);
        json.writeEndObject();
        json.writeName("querier");
        json.writeStartObject();
        writeStore(json, querier);
        json.writeEndObject();
        json.writeName("ingester");
        json.writeStartObject();
        json.writeNumberProperty("totalReached", ingester.totalReached());
        json.writeNumberProperty("totalChunksMatched", ingester.totalChunksMatched());
        json.writeNumberProperty("totalBatches", ingester.totalBatches());
        json.writeNumberProperty("totalLinesSent", ingester.totalLinesSent());
        writeStore(json, ingester.store());
        json.writeEndObject();
        json.writeName("cache");
        json.writeStartObject();
        for (String cache : new String[] {
            "chunk",
            "index",
            "result",
            "statsResult",
            "volumeResult",
            "seriesResult",
            "labelResult",
            "instantMetricResult"
        }) {
            json.writeName(cache);
            json.writeStartObject();
            for (String counter : new String[] {
                "entriesFound",
                "entriesRequested",
                "entriesStored",
                "bytesReceived",
                "bytesSent",
                "requests",
                "downloadTime",
                "queryLengthServed"
            }) {
                json.writeNumberProperty(counter, 0);
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeStore(JsonGenerator json, Store store) {
        json.writeName("store");
        json.writeStartObject();
        json.writeNumberProperty("totalChunksRef", store.totalChunksRef());
        json.writeNumberProperty("totalChunksDownloaded", store.totalChunksDownloaded());
        json.writeNumberProperty("chunksDownloadTime", store.chunksDownloadTimeNanos());
        json.writeBooleanProperty("queryReferencedStructuredMetadata", false);
        json.writeName("chunk");
        json.writeStartObject();
        Chunk chunk = store.chunk();
        json.writeNumberProperty("headChunkBytes", chunk.headChunkBytes());
        json.writeNumberProperty("headChunkLines", chunk.headChunkLines());
        json.writeNumberProperty("decompressedBytes", chunk.decompressedBytes());
        json.writeNumberProperty("decompressedLines", chunk.decompressedLines());
        json.writeNumberProperty("compressedBytes", chunk.compressedBytes());
        json.writeNumberProperty("totalDuplicates", chunk.totalDuplicates());
        json.writeNumberProperty("postFilterLines", 0);
        json.writeNumberProperty("headChunkStructuredMetadataBytes", 0);
        json.writeNumberProperty("decompressedStructuredMetadataBytes", 0);
        json.writeEndObject();
        json.writeNumberProperty("chunkRefsFetchTime", 0);
        json.writeNumberProperty("congestionControlLatency", 0);
        json.writeNumberProperty("pipelineWrapperFilteredLines", 0);
        json.writeEndObject();
    }
}
