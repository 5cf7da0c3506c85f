package io.skald.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.MemChunk;
import io.skald.frontend.split.StreamsMerge;
import io.skald.logql.result.QueryResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark body once, outside JMH, and checks it does the work it claims: a broken benchmark would
 * otherwise only show up as a misleading figure.
 */
class BenchmarksOnceTest {

    @ParameterizedTest
    @ValueSource(strings = {"eq", "regex"})
    void indexLookupsSelectTheMatchingSeriesOfTheHour(String matchers) {
        IndexLookupBenchmark bench = new IndexLookupBenchmark();
        bench.matchers = matchers;
        bench.setup();
        // eq: app-7 is every 50th series; regex: app-1 and app-10..19 (11 apps), two series in three are prod (1,466).
        int expected = matchers.equals("eq") ? 200 : 1466;
        assertThat(bench.chunkRefs())
                .hasSize(expected)
                .allSatisfy(s -> assertThat(s.refs()).hasSize(1));
        assertThat(bench.stats().streams()).isEqualTo(expected);
    }

    @Test
    void pushDecodersSeeEveryLine() {
        PushDecodeBenchmark bench = new PushDecodeBenchmark();
        bench.setup();
        assertThat(bench.protobufSnappy().entryCount()).isEqualTo(BenchData.LINES);
        assertThat(bench.json().entryCount()).isEqualTo(BenchData.LINES);
        assertThat(bench.protobufSnappy()).isEqualTo(bench.json());
    }

    @Test
    void validationKeepsEveryLineAndTokensHashEveryStream() {
        PushValidateBenchmark bench = new PushValidateBenchmark();
        bench.setup();
        assertThat(bench.validate().hasErrors()).isFalse();
        assertThat(bench.validate().validatedLines()).isEqualTo(BenchData.LINES);
        assertThat(bench.labelTexts).hasSize(PushValidateBenchmark.STREAMS);
        assertThat(bench.tokens()).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "lz4", "zstd", "gzip", "none"})
    void chunkAppendStoresEveryLine(String codec) {
        ChunkAppendBenchmark bench = new ChunkAppendBenchmark();
        bench.codec = codec;
        bench.format = "plain";
        bench.setup();
        MemChunk chunk = bench.appendAndCut();
        assertThat(chunk.entries()).isEqualTo(BenchData.LINES);
        assertThat(chunk.uncompressedSize()).isGreaterThanOrEqualTo(BenchData.totalBytes(bench.lines));
    }

    @Test
    void chunkAppendWithFiltersAndMetadataEncodesTheSameChunkWhetherMetadataIsSharedOrNot() {
        byte[][] encoded = new byte[2][];
        String[] kinds = {"level", "levelShared"};
        for (int k = 0; k < kinds.length; k++) {
            ChunkAppendBenchmark bench = new ChunkAppendBenchmark();
            bench.format = "logfmt";
            bench.filterBits = 2;
            bench.metadata = kinds[k];
            bench.setup();
            MemChunk chunk = bench.appendAndCut();
            assertThat(chunk.entries()).isEqualTo(BenchData.LINES);
            encoded[k] = chunk.encode();
        }
        assertThat(encoded[1]).isEqualTo(encoded[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "none"})
    void chunkReadsSeeTheSameLineBytes(String codec) {
        ChunkReadBenchmark bench = new ChunkReadBenchmark();
        bench.codec = codec;
        bench.setup();
        long iterated = bench.decodeAndIterate();
        assertThat(iterated).isPositive().isEqualTo(bench.decompressBlocks());
    }

    @Test
    void filtersAndBaselineFindThePlantedNeedle() {
        ScanCorpus corpus = new ScanCorpus();
        corpus.setup();
        assertThat(corpus.lines.length).isEqualTo(BenchData.LINES);
        assertThat(new ByteScanBaseline().firstByteScan(corpus)).isEqualTo(1);

        int[] matches = new int[4];
        String[] filters = {"rare", "common", "regex", "regex_ci"};
        for (int i = 0; i < filters.length; i++) {
            LineFilterBenchmark bench = new LineFilterBenchmark();
            bench.filter = filters[i];
            bench.setup();
            matches[i] = bench.filter(corpus);
        }
        assertThat(matches[0]).isEqualTo(1);
        // level=error is in about 1/8 of logfmt lines, a quarter of the mix; the regexes match some lines, not all.
        assertThat(matches[1]).isBetween(100, 1000);
        assertThat(matches[2]).isBetween(1, BenchData.LINES - 1);
        assertThat(matches[3]).isBetween(1, BenchData.LINES - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "logfmt", "pattern"})
    void parsersExtractLabels(String parser) {
        ParserBenchmark bench = new ParserBenchmark();
        bench.parser = parser;
        bench.setup();
        assertThat(bench.parse()).isEqualTo(BenchData.LINES);
        var labels = bench.parseAndLabels().labels();
        assertThat(labels.get(parser.equals("pattern") ? "method" : "level")).isNotNull();
        assertThat(labels.has("__error__")).as(labels.toString()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "logfmt", "pattern"})
    void pipelinesKeepOnlyTheFilteredLines(String query) {
        LogqlPipelineBenchmark bench = new LogqlPipelineBenchmark();
        bench.query = query;
        bench.setup();
        // error is 1 level in 8; 5xx statuses are a minority of the nginx lines: some lines pass, most do not.
        assertThat(bench.pipeline()).isBetween(1, BenchData.LINES / 2);
    }

    @Test
    void metricQueryCountsEveryLevel() {
        MetricQueryBenchmark bench = new MetricQueryBenchmark();
        bench.setup();
        var matrix = (io.skald.logql.result.QueryResult.Matrix) bench.sumByLevelRate();
        assertThat(matrix.series()).hasSize(4);
        var json = (io.skald.logql.result.QueryResult.Matrix) bench.sumByLevelCountJson();
        assertThat(json.series()).hasSize(4);
        var filtered = (io.skald.logql.result.QueryResult.Matrix) bench.countLogfmtStatusFilter();
        assertThat(filtered.series()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "lz4", "zstd", "gzip"})
    void codecFilterAndByteScanAgree(String codec) {
        CodecFilterBenchmark bench = new CodecFilterBenchmark();
        bench.codec = codec;
        bench.setup();
        assertThat(bench.decompressAndFilter()).isEqualTo(bench.decompressAndByteScan());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"off, rare", "on, rare", "off, short", "on, short"})
    void needleSearchFindsThePlantedLineWithAndWithoutSkipping(String skipping, String needle) {
        NeedleBenchmark bench = new NeedleBenchmark();
        bench.codec = "zstd";
        bench.skipping = skipping;
        bench.needle = needle;
        bench.setup();
        int expected = needle.equals("rare") ? 1 : 0;
        assertThat(bench.scan()).isEqualTo(expected);
        assertThat(bench.iterate()).isEqualTo(expected);
        assertThat(bench.chunks).hasSizeGreaterThan(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {5_000, 1_000_000})
    void resultTransportsAgreeOnTheMergedStreams(int limit) {
        StreamsTransportBenchmark bench = new StreamsTransportBenchmark();
        bench.limit = limit;
        bench.linesPerStream = 400;
        bench.setup();
        try {
            QueryResult.Streams expected = bench.protobufFrontend();
            assertThat(StreamsMerge.entryCount(expected))
                    .isEqualTo(Math.min(limit, StreamsTransportBenchmark.STREAMS * 400));
            // The newest entry first: a backward query starts from the newest split.
            assertThat(expected.streams().getFirst().entries().getFirst().timestampNanos())
                    .isGreaterThan(
                            expected.streams().getFirst().entries().getLast().timestampNanos());
            assertThat(bench.arrowFrontend()).isEqualTo(expected);
            assertThat(bench.arrow()).isEqualTo(expected);
            assertThat(bench.arrowRowsFrontend()).isEqualTo(expected);
            assertThat(bench.protobuf()).isEqualTo(expected);
            assertThat(bench.jsonFrontend()).isEqualTo(expected);
            assertThat(bench.json()).isEqualTo(expected);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void resultTransportsAgreeOnTheMergedMatrix() {
        MatrixTransportBenchmark bench = new MatrixTransportBenchmark();
        bench.points = 120;
        bench.setup();
        try {
            Object expected = matrixView(bench.protobufFrontend());
            QueryResult.Matrix merged = bench.arrowFrontend();
            assertThat(merged.series()).hasSize(MatrixTransportBenchmark.SERIES);
            assertThat(merged.series()).allSatisfy(s -> assertThat(s.size()).isEqualTo(120));
            assertThat(matrixView(merged)).isEqualTo(expected);
            assertThat(matrixView(bench.arrow())).isEqualTo(expected);
            assertThat(matrixView(bench.arrowRowsFrontend())).isEqualTo(expected);
            assertThat(matrixView(bench.protobuf())).isEqualTo(expected);
            assertThat(matrixView(bench.jsonFrontend())).isEqualTo(expected);
            assertThat(matrixView(bench.json())).isEqualTo(expected);
        } finally {
            bench.tearDown();
        }
    }

    /** Series hold arrays, which records compare by identity: compare their contents. */
    private static List<String> matrixView(QueryResult.Matrix matrix) {
        return matrix.series().stream()
                .map(s -> s.metric()
                        + java.util.Arrays.toString(s.timestampsMillis())
                        + java.util.Arrays.toString(s.values()))
                .toList();
    }
}
