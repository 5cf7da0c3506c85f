package io.skald.bench.jmh;

import io.skald.bench.corpus.LogFormat;
import io.skald.chunk.Block;
import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.ContentFilterSpec;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.chunk.MemChunk;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A rare-needle {@code |=} over many stored blocks, with and without skipping blocks by their content filter: 200,000
 * lines of the load generator's mix (logfmt, JSON, nginx, plain with stack traces) in 256 KiB blocks and 1.5 MB
 * chunks written with content filters, one line carrying {@link ScanCorpus#RARE_NEEDLE}. {@code scan} decodes each
 * chunk and runs a first-byte scan over the lines region of every block it reads; {@code iterate} walks the merged
 * {@code EntryIterator} (the querier's store path) and searches each line. One op = one stored line, so ops/s is
 * lines searched per second per core. Setup prints the share of blocks each needle reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NeedleBenchmark {
    static final int LINES = 200_000;

    @Param({"snappy", "zstd"})
    public String codec = "snappy";

    /** on: blocks ruled out by their content filter are skipped; off: every block is read. */
    @Param({"off", "on"})
    public String skipping = "on";

    /** rare: the 25-byte trace id needle (1 line); short: {@code status=418}, 10 bytes that no line holds. */
    @Param({"rare", "short"})
    public String needle = "rare";

    List<byte[]> chunks = new ArrayList<>();
    byte[] needleBytes = new byte[0];
    ContentQuery query = ContentQuery.ANY;

    static String needleText(String name) {
        return switch (name) {
            case "rare" -> ScanCorpus.RARE_NEEDLE;
            case "short" -> "status=418";
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup
    public void setup() {
        chunks = encode(Codec.fromName(codec), ContentFilterSpec.DEFAULT);
        String text = needleText(needle);
        needleBytes = text.getBytes(StandardCharsets.UTF_8);
        ContentQuery needleQuery = ContentQuery.of(List.of(List.of(text)));
        query = skipping.equals("on") ? needleQuery : ContentQuery.ANY;
        long blocks = 0;
        long read = 0;
        long encoded = 0;
        long filterBytes = 0;
        for (byte[] bytes : chunks) {
            encoded += bytes.length;
            for (Block block : Chunk.decode(bytes).blocks()) {
                blocks++;
                read += block.mayMatch(needleQuery) ? 1 : 0;
                filterBytes += block.contentFilter() == null
                        ? 0
                        : block.contentFilter().sizeBytes() + 4;
            }
        }
        BenchData.describe("needle " + codec + " (encoded chunk bytes)", LINES, encoded);
        System.out.printf(
                Locale.ROOT,
                "# needle %s: %d chunks, %d blocks, %d read with the filter (%.2f%% skipped), filters %d bytes"
                        + " (%.2f bytes/line)%n",
                text,
                chunks.size(),
                blocks,
                read,
                100.0 * (blocks - read) / blocks,
                filterBytes,
                (double) filterBytes / LINES);
    }

    /** The load generator's mix, round-robin over formats, with the rare needle planted in one line. */
    static List<byte[]> encode(Codec codec, ContentFilterSpec spec) {
        LogFormat[] formats = LogFormat.values();
        byte[][][] byFormat = new byte[formats.length][][];
        for (int f = 0; f < formats.length; f++) {
            byFormat[f] = BenchData.lines(formats[f], LINES / formats.length + 1, 21 + f);
        }
        byte[] planted = (" " + ScanCorpus.RARE_NEEDLE).getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        Labels stream = Labels.of("service_name", "bench");
        MemChunk chunk = new MemChunk(stream, codec, 256 * 1024, 1_572_864, spec);
        for (int i = 0; i < LINES; i++) {
            byte[] line = byFormat[i % formats.length][i / formats.length];
            if (i == LINES / 3) {
                byte[] withNeedle = java.util.Arrays.copyOf(line, line.length + planted.length);
                System.arraycopy(planted, 0, withNeedle, line.length, planted.length);
                line = withNeedle;
            }
            if (!chunk.spaceFor(line.length)) {
                out.add(chunk.encode());
                chunk = new MemChunk(stream, codec, 256 * 1024, 1_572_864, spec);
            }
            chunk.append(BenchData.EPOCH_NANOS + i * 1_000_000L, line, Labels.EMPTY);
        }
        out.add(chunk.encode());
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int scan() {
        int[] found = {0};
        for (byte[] bytes : chunks) {
            Chunk.decode(bytes)
                    .forEachBlock(
                            Long.MIN_VALUE,
                            Long.MAX_VALUE,
                            query,
                            view -> found[0] += ByteScanBaseline.count(
                                    view.data(), view.linesStart(), view.linesEnd(), needleBytes));
        }
        return found[0];
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int iterate() {
        int found = 0;
        for (byte[] bytes : chunks) {
            EntryIterator it = Chunk.decode(bytes).iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD, query);
            while (it.next()) {
                int from = it.lineOffset();
                found += ByteScanBaseline.count(it.lineArray(), from, from + it.lineLength(), needleBytes);
            }
        }
        return found;
    }
}
