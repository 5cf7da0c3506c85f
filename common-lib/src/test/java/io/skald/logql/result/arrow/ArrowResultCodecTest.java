package io.skald.logql.result.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.RandomResults;
import io.skald.logql.result.ResultView;
import io.skald.logql.result.Series;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArrowResultCodecTest {
    private final ArrowResultCodec codec = new ArrowResultCodec();
    /** Tiny batches, so results span many record batches and streams straddle batch boundaries. */
    private final ArrowResultCodec batching = new ArrowResultCodec(new BatchLimits(7, 300));

    @AfterEach
    void noLeaks() {
        assertThat(codec.allocatedBytes()).isZero();
        assertThat(batching.allocatedBytes()).isZero();
        codec.close();
        batching.close();
    }

    static Stream<Arguments> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(40).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void streamsRoundTrip(long seed) {
        RandomResults random = new RandomResults(seed);
        QueryResult.Streams result = random.streams(12, 40, 1_700_000_000_000_000_000L, 60_000_000_000L, seed % 2 == 0);
        assertThat(codec.decode(codec.encode(result))).isEqualTo(result);
        assertThat(batching.decode(batching.encode(result))).isEqualTo(result);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matrixAndVectorRoundTrip(long seed) {
        RandomResults random = new RandomResults(seed);
        QueryResult matrix = random.matrix(10, 60, 1_700_000_000_000L, 15_000, seed % 2 == 0);
        assertThat(ResultView.of(codec.decode(codec.encode(matrix)))).isEqualTo(ResultView.of(matrix));
        assertThat(ResultView.of(batching.decode(batching.encode(matrix)))).isEqualTo(ResultView.of(matrix));

        QueryResult vector = random.vector(30, 1_700_000_000_000L + seed);
        assertThat(ResultView.of(codec.decode(codec.encode(vector)))).isEqualTo(ResultView.of(vector));
        assertThat(ResultView.of(batching.decode(batching.encode(vector)))).isEqualTo(ResultView.of(vector));
    }

    static Stream<Arguments> edgeCases() {
        Labels app = Labels.of("app", "api");
        return Stream.of(
                Arguments.of("no streams", new QueryResult.Streams(List.of())),
                Arguments.of(
                        "a stream without entries", new QueryResult.Streams(List.of(new LogStream(app, List.of())))),
                Arguments.of(
                        "empty line, empty labels",
                        new QueryResult.Streams(List.of(new LogStream(Labels.EMPTY, List.of(new LogEntry(0, "")))))),
                Arguments.of(
                        "negative and extreme timestamps",
                        new QueryResult.Streams(List.of(new LogStream(
                                app,
                                List.of(
                                        new LogEntry(Long.MIN_VALUE, "min"),
                                        new LogEntry(-1, "minus one"),
                                        new LogEntry(Long.MAX_VALUE, "max")))))),
                Arguments.of(
                        "structured metadata and parsed labels",
                        new QueryResult.Streams(List.of(new LogStream(
                                app,
                                List.of(new LogEntry(
                                        5,
                                        "日本語 🙂 \"q\" \\ \n",
                                        Labels.of("trace_id", "abc", "user", "ünï"),
                                        Labels.of("status", "500"))))))),
                Arguments.of("no series", new QueryResult.Matrix(List.of())),
                Arguments.of(
                        "a series without points",
                        new QueryResult.Matrix(List.of(new Series(app, new long[0], new double[0])))),
                Arguments.of("no samples", new QueryResult.Vector(List.of())),
                Arguments.of("scalar", new QueryResult.Scalar(1_700_000_000_123L, -0.0)),
                Arguments.of("scalar NaN", new QueryResult.Scalar(0, Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCasesRoundTrip(String name, QueryResult result) {
        assertThat(ResultView.of(codec.decode(codec.encode(result)))).isEqualTo(ResultView.of(result));
        assertThat(ResultView.of(batching.decode(batching.encode(result)))).isEqualTo(ResultView.of(result));
    }

    @Test
    void oneCodecEncodesAndDecodesOnManyThreadsAtOnce() throws Exception {
        // A querier encodes (and a frontend decodes) the results of concurrent sub-queries with one codec; empty
        // results among them share nothing mutable with the others.
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    RandomResults random = new RandomResults(seed);
                    for (int i = 0; i < 150; i++) {
                        QueryResult result = switch (i % 4) {
                            case 0 -> new QueryResult.Matrix(List.of());
                            case 1 -> random.matrix(5, 20, 1_700_000_000_000L, 15_000, false);
                            case 2 -> new QueryResult.Streams(List.of());
                            default -> random.streams(4, 10, 1_700_000_000_000_000_000L, 60_000_000_000L, true);
                        };
                        assertThat(ResultView.of(codec.decode(codec.encode(result))))
                                .isEqualTo(ResultView.of(result));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyStreamsAcrossManyBatches() {
        RandomResults random = new RandomResults(99);
        List<LogStream> streams = new ArrayList<>();
        for (int s = 0; s < 3_000; s++) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < s % 5; i++) {
                entries.add(random.entry(s * 1_000L + i));
            }
            streams.add(new LogStream(Labels.of("stream", Integer.toString(s), "app", "a"), entries));
        }
        QueryResult.Streams result = new QueryResult.Streams(streams);
        try (ArrowResultPart part = batching.read(batching.encode(result))) {
            assertThat(part).isInstanceOf(ArrowStreamsPart.class);
            assertThat(((ArrowStreamsPart) part).streamCount()).isEqualTo(3_000);
            assertThat(part.rowCount()).isEqualTo(StreamsCount.entries(result));
            assertThat(part.toResult()).isEqualTo(result);
        }
    }

    @Test
    void labelSetsTravelOncePerStreamNotPerEntry() {
        Labels wide = Labels.of("app", "x".repeat(500), "pod", "y".repeat(500));
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            entries.add(new LogEntry(i, "l"));
        }
        byte[] encoded = codec.encode(new QueryResult.Streams(List.of(new LogStream(wide, entries))));
        // 1,000 copies of the labels would be 1 MB; once plus 1,000 small rows is a few tens of kB.
        assertThat(encoded.length).isLessThan(40_000);
    }

    @Test
    void encodeToAStreamLeavesItOpenAndEqualsTheByteForm() {
        QueryResult result = new RandomResults(7).matrix(5, 20, 0, 1_000, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encode(result, out);
        out.write(42);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 42);
        assertThat(java.util.Arrays.copyOf(bytes, bytes.length - 1)).isEqualTo(codec.encode(result));
    }

    @Test
    void readersSeeTheResultKind() {
        try (ArrowResultPart part = codec.read(codec.encode(new QueryResult.Vector(List.of())))) {
            assertThat(part)
                    .isInstanceOfSatisfying(
                            ArrowSamplesPart.class, p -> assertThat(p.kind()).isEqualTo(SampleKind.VECTOR));
        }
    }

    @Test
    void bytesThatAreNoResultStreamAreRejectedWithoutLeaking() {
        assertThatThrownBy(() -> codec.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(RuntimeException.class);
        byte[] valid = codec.encode(new RandomResults(3).streams(3, 10, 0, 1_000, true));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
        assertThatThrownBy(() -> codec.read(truncated)).isInstanceOf(RuntimeException.class);
    }

    /** Counting helper kept here, not in main code: the codec never needs it. */
    static final class StreamsCount {
        static long entries(QueryResult.Streams streams) {
            return streams.streams().stream().mapToLong(s -> s.entries().size()).sum();
        }
    }
}
