package io.skald.bench.jmh;

import io.skald.bench.corpus.LogFormat;
import io.skald.chunk.Codec;
import io.skald.chunk.ContentFilterSpec;
import io.skald.chunk.MemChunk;
import io.skald.labels.Labels;
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
 * The ingester's chunk path per codec: append 10,000 lines of one format into a new {@link MemChunk} with Loki's
 * defaults (256 KiB blocks, 1.5 MB target), cutting blocks as they fill and the last one at the end. One op = one
 * line (with {@code filterBits} 2 and {@code metadata}, what the ingester's head chunks do); the setup prints the compressed size, i.e. storage bytes per line for that codec and format.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkAppendBenchmark {
    static final int BLOCK_SIZE = 256 * 1024;
    static final long TARGET_SIZE = 1_572_864;

    @Param({"snappy", "lz4", "zstd", "gzip", "none"})
    public String codec = "snappy";

    @Param({"logfmt", "json", "nginx", "plain"})
    public String format = "logfmt";

    /** Content filter bits per quadgram (0: none, as before filters existed; 2: what the ingester writes). */
    @Param({"0", "2"})
    public int filterBits = 0;

    /**
     * Structured metadata per entry: {@code none}; {@code level}, a {@code detected_level} of four values with a new
     * {@link Labels} instance per entry (what the ingester decoded before); {@code levelShared}, one instance per
     * value (what it decodes now).
     */
    @Param({"none", "level", "levelShared"})
    public String metadata = "none";

    Codec chunkCodec = Codec.SNAPPY;
    byte[][] lines = new byte[0][];
    long[] timestamps = new long[0];
    Labels[] entryMetadata = new Labels[0];
    final Labels labels = Labels.of("service_name", "bench", "format", "mixed");

    @Setup
    public void setup() {
        chunkCodec = Codec.fromName(codec);
        lines = BenchData.lines(LogFormat.valueOf(format.toUpperCase(Locale.ROOT)), BenchData.LINES, 7);
        timestamps = new long[lines.length];
        long start = BenchData.EPOCH_NANOS;
        for (int i = 0; i < lines.length; i++) {
            timestamps[i] = start + i * 1_000L;
        }
        String[] levels = {"info", "info", "info", "debug", "info", "warn", "info", "error"};
        Labels[] shared = new Labels[levels.length];
        for (int i = 0; i < levels.length; i++) {
            shared[i] = Labels.of("detected_level", levels[i]);
        }
        entryMetadata = new Labels[lines.length];
        for (int i = 0; i < lines.length; i++) {
            int level = (i * 7 + i / 3) % levels.length;
            entryMetadata[i] = switch (metadata) {
                case "none" -> Labels.EMPTY;
                // new String instances, as a decoder makes them: their hashes are not cached yet
                case "level" -> Labels.of(new String("detected_level"), new String(levels[level]));
                case "levelShared" -> shared[level];
                default -> throw new IllegalArgumentException("metadata " + metadata);
            };
        }
        MemChunk chunk = appendAll();
        BenchData.describe("chunk append " + codec + "/" + format, lines.length, BenchData.totalBytes(lines));
        System.out.printf(
                Locale.ROOT,
                "# compressed %s/%s: %d bytes in %d blocks = %.1f bytes/line (ratio %.2f)%n",
                codec,
                format,
                chunk.compressedSize(),
                chunk.blockCount(),
                (double) chunk.compressedSize() / lines.length,
                (double) chunk.uncompressedSize() / chunk.compressedSize());
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public MemChunk appendAndCut() {
        return appendAll();
    }

    MemChunk appendAll() {
        MemChunk chunk = new MemChunk(labels, chunkCodec, BLOCK_SIZE, TARGET_SIZE, new ContentFilterSpec(filterBits));
        for (int i = 0; i < lines.length; i++) {
            chunk.append(timestamps[i], lines[i], entryMetadata[i]);
        }
        chunk.cut();
        return chunk;
    }
}
