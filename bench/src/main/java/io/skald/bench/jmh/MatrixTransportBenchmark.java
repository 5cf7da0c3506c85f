package io.skald.bench.jmh;

import io.skald.frontend.split.MatrixMerge;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import io.skald.logql.result.arrow.ArrowResultCodec;
import io.skald.logql.result.arrow.ArrowResultMerge;
import io.skald.logql.result.arrow.ArrowSamplesPart;
import io.skald.logql.result.protobuf.ProtoRowResultCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A large matrix travelling from queriers to the frontend: 1,000 series × 1,440 points (a day at a 1m step) in 4
 * consecutive splits, merged by series. One op = the whole result; the methods mirror
 * {@link StreamsTransportBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class MatrixTransportBenchmark {
    static final int SERIES = 1_000;
    static final int SPLITS = 4;

    /** Points per series over all splits (tests use fewer). */
    @Param({"1440"})
    public int points;

    List<QueryResult.Matrix> parts = List.of();
    byte[][] arrow = new byte[0][];
    byte[][] protobuf = new byte[0][];
    byte[][] json = new byte[0][];
    ArrowResultCodec codec = new ArrowResultCodec();

    @Setup
    public void setup() {
        parts = ResultData.matrixSplits(SERIES, points, SPLITS);
        arrow = new byte[SPLITS][];
        protobuf = new byte[SPLITS][];
        json = new byte[SPLITS][];
        for (int p = 0; p < SPLITS; p++) {
            arrow[p] = codec.encode(parts.get(p));
            protobuf[p] = ProtoRowResultCodec.encode(parts.get(p));
            json[p] = StreamsTransportBenchmark.json(parts.get(p));
        }
        long total = 0;
        for (QueryResult.Matrix part : parts) {
            for (Series s : part.series()) {
                total += s.size();
            }
        }
        System.out.printf("%n# input matrix: %d series, %d points per op%n", SERIES, total);
        WireSizes.printRaw("arrow", arrow, total);
        WireSizes.printRaw("protobuf", protobuf, total);
        WireSizes.printRaw("json", json, total);
    }

    @TearDown
    public void tearDown() {
        codec.close();
    }

    @Benchmark
    public QueryResult.Matrix arrow() {
        byte[][] encoded = new byte[SPLITS][];
        for (int p = 0; p < SPLITS; p++) {
            encoded[p] = codec.encode(parts.get(p));
        }
        return arrowMerge(encoded);
    }

    @Benchmark
    public QueryResult.Matrix arrowFrontend() {
        return arrowMerge(arrow);
    }

    @Benchmark
    public QueryResult.Matrix arrowRowsFrontend() {
        List<QueryResult.Matrix> decoded = new ArrayList<>(SPLITS);
        for (byte[] part : arrow) {
            decoded.add((QueryResult.Matrix) codec.decode(part));
        }
        return MatrixMerge.merge(decoded);
    }

    @Benchmark
    public QueryResult.Matrix protobuf() {
        List<QueryResult.Matrix> decoded = new ArrayList<>(SPLITS);
        for (QueryResult.Matrix part : parts) {
            decoded.add((QueryResult.Matrix) ProtoRowResultCodec.decode(ProtoRowResultCodec.encode(part)));
        }
        return MatrixMerge.merge(decoded);
    }

    @Benchmark
    public QueryResult.Matrix protobufFrontend() {
        List<QueryResult.Matrix> decoded = new ArrayList<>(SPLITS);
        for (byte[] part : protobuf) {
            decoded.add((QueryResult.Matrix) ProtoRowResultCodec.decode(part));
        }
        return MatrixMerge.merge(decoded);
    }

    @Benchmark
    public QueryResult.Matrix json() {
        List<QueryResult.Matrix> decoded = new ArrayList<>(SPLITS);
        for (QueryResult.Matrix part : parts) {
            decoded.add((QueryResult.Matrix) LokiResponseReader.read(StreamsTransportBenchmark.json(part)));
        }
        return MatrixMerge.merge(decoded);
    }

    @Benchmark
    public QueryResult.Matrix jsonFrontend() {
        List<QueryResult.Matrix> decoded = new ArrayList<>(SPLITS);
        for (byte[] part : json) {
            decoded.add((QueryResult.Matrix) LokiResponseReader.read(part));
        }
        return MatrixMerge.merge(decoded);
    }

    private QueryResult.Matrix arrowMerge(byte[][] encoded) {
        List<ArrowSamplesPart> decoded = new ArrayList<>(SPLITS);
        try {
            for (byte[] part : encoded) {
                decoded.add((ArrowSamplesPart) codec.read(part));
            }
            return ArrowResultMerge.mergeMatrix(decoded);
        } finally {
            decoded.forEach(ArrowSamplesPart::close);
        }
    }
}
