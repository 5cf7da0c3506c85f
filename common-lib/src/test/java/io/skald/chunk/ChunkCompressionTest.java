package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measures each codec on a realistic mixed sample (logfmt, JSON, nginx) with Loki's default sizes, cutting chunks
 * as the ingester does; prints bytes per line (see the test's output file) and pins loose bounds.
 */
class ChunkCompressionTest {
    private static final int LINES = 100_000;
    private static final List<LogEntry> SAMPLE = LogSamples.mixed(2026, LINES, 1_700_000_000_000_000_000L);

    @ParameterizedTest
    @EnumSource(Codec.class)
    void compressionRatioOnMixedLogs(Codec codec) {
        long rawBytes = 0;
        for (LogEntry entry : SAMPLE) {
            rawBytes += entry.line().getBytes(StandardCharsets.UTF_8).length;
        }
        long start = System.nanoTime();
        List<byte[]> chunks = new ArrayList<>();
        MemChunk chunk = new MemChunk(Labels.of("app", "checkout"), codec, 262_144, 1_572_864);
        for (LogEntry entry : SAMPLE) {
            if (!chunk.spaceFor(entry.line().length())) {
                chunks.add(chunk.encode());
                chunk = new MemChunk(Labels.of("app", "checkout"), codec, 262_144, 1_572_864);
            }
            chunk.append(entry);
        }
        chunks.add(chunk.encode());
        long encodeNanos = System.nanoTime() - start;

        start = System.nanoTime();
        long encodedBytes = 0;
        long decodedLines = 0;
        long decodedLineBytes = 0;
        for (byte[] encoded : chunks) {
            encodedBytes += encoded.length;
            EntryIterator iterator = Chunk.decode(encoded).iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD);
            while (iterator.next()) {
                decodedLines++;
                decodedLineBytes += iterator.lineLength();
            }
        }
        long decodeNanos = System.nanoTime() - start;

        assertThat(decodedLines).isEqualTo(LINES);
        assertThat(decodedLineBytes).isEqualTo(rawBytes);
        double ratio = (double) rawBytes / encodedBytes;
        System.out.printf(
                Locale.ROOT,
                "codec=%s lines=%d raw_bytes=%d encoded_bytes=%d chunks=%d raw_bytes_per_line=%.1f"
                        + " encoded_bytes_per_line=%.2f ratio=%.2f encode_ms=%d decode_ms=%d%n",
                codec,
                LINES,
                rawBytes,
                encodedBytes,
                chunks.size(),
                (double) rawBytes / LINES,
                (double) encodedBytes / LINES,
                ratio,
                encodeNanos / 1_000_000,
                decodeNanos / 1_000_000);
        switch (codec) {
            case NONE -> assertThat(ratio).isBetween(0.95, 1.0);
            case GZIP, SNAPPY, LZ4, ZSTD -> assertThat(ratio).isGreaterThan(2.0);
        }
    }
}
