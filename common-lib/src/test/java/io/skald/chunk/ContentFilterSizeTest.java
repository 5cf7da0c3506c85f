package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measures what content filters cost and buy on the realistic mixed sample of {@link ChunkCompressionTest} (logfmt,
 * JSON, nginx; Loki's default 256 KiB blocks and 1.5 MB target): filter bytes per line and as a share of the chunk,
 * and the share of blocks a needle absent from them still reads (false positives), for needles of 8 and 16 hex
 * digits and 6 letters. Prints one line per case (see the test's output file); pins loose bounds.
 */
class ContentFilterSizeTest {
    private static final int LINES = 100_000;
    private static final List<LogEntry> SAMPLE = LogSamples.mixed(2026, LINES, 1_700_000_000_000_000_000L);

    @ParameterizedTest(name = "{0} at {1} bits per quadgram")
    @CsvSource({
        "ZSTD, 1", "ZSTD, 2", "ZSTD, 3", "ZSTD, 4", "ZSTD, 6", "ZSTD, 8", "ZSTD, 10",
        "SNAPPY, 1", "SNAPPY, 2", "SNAPPY, 3", "SNAPPY, 4", "SNAPPY, 6", "SNAPPY, 8", "SNAPPY, 10"
    })
    void sizeAndFalsePositives(Codec codec, int bitsPerGram) {
        long withoutBytes = totalBytes(encode(codec, ContentFilterSpec.NONE));
        long start = System.nanoTime();
        List<byte[]> chunks = encode(codec, new ContentFilterSpec(bitsPerGram));
        long encodeMillis = (System.nanoTime() - start) / 1_000_000;
        long withBytes = totalBytes(chunks);

        List<Block> blocks = new ArrayList<>();
        List<String> blockText = new ArrayList<>();
        long filterBytes = 0;
        for (byte[] encoded : chunks) {
            Chunk chunk = Chunk.decode(encoded);
            for (Block block : chunk.blocks()) {
                blocks.add(block);
                filterBytes += block.contentFilter().sizeBytes() + 4;
                BlockView view = block.decode(new BlockView());
                blockText.add(new String(
                                view.data(),
                                view.linesStart(),
                                view.linesEnd() - view.linesStart(),
                                StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT));
            }
        }
        Random random = new Random(bitsPerGram);
        double hex16 = falsePositiveRate(blocks, blockText, () -> hex(random, 8));
        double hex8 = falsePositiveRate(blocks, blockText, () -> hex(random, 4));
        double word6 = falsePositiveRate(blocks, blockText, () -> letters(random, 6));
        System.out.printf(
                Locale.ROOT,
                "content_filter codec=%s bits_per_gram=%d blocks=%d chunk_bytes_without=%d chunk_bytes_with=%d"
                        + " filter_bytes_per_line=%.2f filter_share_of_chunk=%.1f%% fp_hex16=%.4f fp_hex8=%.4f"
                        + " fp_word6=%.4f encode_ms=%d%n",
                codec,
                bitsPerGram,
                blocks.size(),
                withoutBytes,
                withBytes,
                (double) filterBytes / LINES,
                100.0 * filterBytes / withBytes,
                hex16,
                hex8,
                word6,
                encodeMillis);
        // The filters and their CRCs, plus a one- to three-byte size per block in the header index.
        assertThat(withBytes - withoutBytes).isBetween(filterBytes + blocks.size(), filterBytes + 3L * blocks.size());
        // A 16-digit id has 13 quadgrams of its own: almost every block without it is skipped at any size.
        assertThat(hex16).isLessThan(0.05);
    }

    private static List<byte[]> encode(Codec codec, ContentFilterSpec spec) {
        List<byte[]> chunks = new ArrayList<>();
        MemChunk chunk = new MemChunk(Labels.of("app", "checkout"), codec, 262_144, 1_572_864, spec);
        for (LogEntry entry : SAMPLE) {
            if (!chunk.spaceFor(entry.line().length())) {
                chunks.add(chunk.encode());
                chunk = new MemChunk(Labels.of("app", "checkout"), codec, 262_144, 1_572_864, spec);
            }
            chunk.append(entry);
        }
        chunks.add(chunk.encode());
        return chunks;
    }

    private static long totalBytes(List<byte[]> chunks) {
        long total = 0;
        for (byte[] c : chunks) {
            total += c.length;
        }
        return total;
    }

    /** Share of (block, needle) pairs where no line holds the needle yet the filter does not rule the block out. */
    private static double falsePositiveRate(
            List<Block> blocks, List<String> text, java.util.function.Supplier<String> needles) {
        long absent = 0;
        long passed = 0;
        for (int probe = 0; probe < 200; probe++) {
            String needle = needles.get();
            ContentQuery query = ContentQuery.of(List.of(List.of(needle)));
            for (int b = 0; b < blocks.size(); b++) {
                // A block the filter rules out cannot hold the needle, so only passing blocks need the text check.
                if (!blocks.get(b).mayMatch(query)) {
                    absent++;
                } else if (!text.get(b).contains(needle)) {
                    absent++;
                    passed++;
                }
            }
        }
        return (double) passed / Math.max(1, absent);
    }

    private static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String letters(Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
