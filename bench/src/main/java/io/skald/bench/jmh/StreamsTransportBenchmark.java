package io.skald.bench.jmh;

import io.skald.api.LokiJson;
import io.skald.api.QueryStats;
import io.skald.chunk.Direction;
import io.skald.frontend.split.StreamsMerge;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.arrow.ArrowResultCodec;
import io.skald.logql.result.arrow.ArrowResultMerge;
import io.skald.logql.result.arrow.ArrowStreamsPart;
import io.skald.logql.result.protobuf.ProtoRowResultCodec;
import java.io.ByteArrayOutputStream;
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
 * A large log result travelling from queriers to the frontend: 100 streams × 5,000 lines (500,000 entries of about
 * 185 bytes) in 4 backward splits, merged with a limit. One op = the whole result. {@code arrow}, {@code protobuf},
 * {@code json}: every split encoded (querier), decoded and merged (frontend); {@code ...Frontend}: the frontend's
 * share only, from the encoded bytes. {@code arrowRowsFrontend} decodes Arrow into row objects and merges with the
 * frontend's {@link StreamsMerge}, to separate the encoding's gain from the column-wise merge's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class StreamsTransportBenchmark {
    static final int STREAMS = 100;
    static final int SPLITS = 4;

    /** Lines per stream over all splits (tests use fewer). */
    @Param({"5000"})
    public int linesPerStream;

    /** Loki's default max_entries_limit_per_query is 5,000; 1,000,000 keeps every entry. */
    @Param({"5000", "1000000"})
    public int limit;

    List<QueryResult.Streams> parts = List.of();
    byte[][] arrow = new byte[0][];
    byte[][] protobuf = new byte[0][];
    byte[][] json = new byte[0][];
    ArrowResultCodec codec = new ArrowResultCodec();

    @Setup
    public void setup() {
        parts = ResultData.streamsSplits(STREAMS, linesPerStream, SPLITS);
        arrow = new byte[SPLITS][];
        protobuf = new byte[SPLITS][];
        json = new byte[SPLITS][];
        for (int p = 0; p < SPLITS; p++) {
            arrow[p] = codec.encode(parts.get(p));
            protobuf[p] = ProtoRowResultCodec.encode(parts.get(p));
            json[p] = json(parts.get(p));
        }
        long entries = ResultData.entries(parts);
        BenchData.describe("streams result (raw line bytes)", entries, ResultData.lineBytes(parts));
        WireSizes.printRaw("arrow", arrow, entries);
        WireSizes.printRaw("protobuf", protobuf, entries);
        WireSizes.printRaw("json", json, entries);
    }

    @TearDown
    public void tearDown() {
        codec.close();
    }

    @Benchmark
    public QueryResult.Streams arrow() {
        byte[][] encoded = new byte[SPLITS][];
        for (int p = 0; p < SPLITS; p++) {
            encoded[p] = codec.encode(parts.get(p));
        }
        return arrowMerge(encoded);
    }

    @Benchmark
    public QueryResult.Streams arrowFrontend() {
        return arrowMerge(arrow);
    }

    @Benchmark
    public QueryResult.Streams arrowRowsFrontend() {
        List<QueryResult.Streams> decoded = new ArrayList<>(SPLITS);
        for (byte[] part : arrow) {
            decoded.add((QueryResult.Streams) codec.decode(part));
        }
        return StreamsMerge.merge(decoded, Direction.BACKWARD, limit);
    }

    @Benchmark
    public QueryResult.Streams protobuf() {
        List<QueryResult.Streams> decoded = new ArrayList<>(SPLITS);
        for (QueryResult.Streams part : parts) {
            decoded.add((QueryResult.Streams) ProtoRowResultCodec.decode(ProtoRowResultCodec.encode(part)));
        }
        return StreamsMerge.merge(decoded, Direction.BACKWARD, limit);
    }

    @Benchmark
    public QueryResult.Streams protobufFrontend() {
        List<QueryResult.Streams> decoded = new ArrayList<>(SPLITS);
        for (byte[] part : protobuf) {
            decoded.add((QueryResult.Streams) ProtoRowResultCodec.decode(part));
        }
        return StreamsMerge.merge(decoded, Direction.BACKWARD, limit);
    }

    @Benchmark
    public QueryResult.Streams json() {
        List<QueryResult.Streams> decoded = new ArrayList<>(SPLITS);
        for (QueryResult.Streams part : parts) {
            decoded.add((QueryResult.Streams) LokiResponseReader.read(json(part)));
        }
        return StreamsMerge.merge(decoded, Direction.BACKWARD, limit);
    }

    @Benchmark
    public QueryResult.Streams jsonFrontend() {
        List<QueryResult.Streams> decoded = new ArrayList<>(SPLITS);
        for (byte[] part : json) {
            decoded.add((QueryResult.Streams) LokiResponseReader.read(part));
        }
        return StreamsMerge.merge(decoded, Direction.BACKWARD, limit);
    }

    private QueryResult.Streams arrowMerge(byte[][] encoded) {
        List<ArrowStreamsPart> decoded = new ArrayList<>(SPLITS);
        try {
            for (byte[] part : encoded) {
                decoded.add((ArrowStreamsPart) codec.read(part));
            }
            return ArrowResultMerge.mergeStreams(decoded, Direction.BACKWARD, limit);
        } finally {
            decoded.forEach(ArrowStreamsPart::close);
        }
    }

    static byte[] json(QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        LokiJson.writeQueryResponse(result, QueryStats.EMPTY, true, out);
        return out.toByteArray();
    }
}
